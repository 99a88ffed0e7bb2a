import type { TicketField } from "../ticket-content.js";
import type { Block } from "../ticket-layout.js";

export type AdfMark = { type: "strong" } | { type: "em" } | { type: "link"; attrs: { href: string } };

export type AdfInline = { type: "text"; text: string; marks?: AdfMark[] } | { type: "hardBreak" };

interface AdfListItem {
  type: "listItem";
  content: [{ type: "paragraph"; content: AdfInline[] }];
}

interface AdfTaskItem {
  type: "taskItem";
  attrs: { localId: string; state: "TODO" };
  content: AdfInline[];
}

export type AdfBlock =
  | { type: "heading"; attrs: { level: 1 | 2 | 3 }; content: AdfInline[] }
  | { type: "paragraph"; content: AdfInline[] }
  | { type: "bulletList"; content: AdfListItem[] }
  | { type: "taskList"; attrs: { localId: string }; content: AdfTaskItem[] };

/** An Atlassian Document Format document, the rich text Jira Cloud's REST API v3 takes for descriptions. */
export interface AdfDoc {
  type: "doc";
  version: 1;
  content: AdfBlock[];
}

const STRONG: AdfMark = { type: "strong" };
const EMPHASIS: AdfMark = { type: "em" };
const link = (href: string): AdfMark => ({ type: "link", attrs: { href } });

// C0 and C1 control characters other than tab and line feed: invisible in a ticket, and characters XML 1.0 cannot
// hold, which break Jira's XML views and exports. Shown as U+FFFD so that nothing vanishes without a trace.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` as inline nodes: each line break a hardBreak, no empty text node (Jira refuses those), every node marked. */
function inline(text: string, marks: AdfMark[] = []): AdfInline[] {
  const nodes: AdfInline[] = [];
  text
    .replace(CONTROL, "\uFFFD")
    .split("\n")
    .forEach((line, index) => {
      if (index > 0) nodes.push({ type: "hardBreak" });
      if (line !== "") nodes.push(marks.length === 0 ? { type: "text", text: line } : { type: "text", text: line, marks });
    });
  return nodes;
}

const fieldLine = (field: TicketField): AdfInline[] => [
  ...inline(`${field.name}:`, [STRONG]),
  { type: "text", text: " " },
  ...inline(field.value, field.href === null ? [] : [link(field.href)]),
];

const listItem = (content: AdfInline[]): AdfListItem => ({ type: "listItem", content: [{ type: "paragraph", content }] });

// ADF lists need at least one item, so an empty list is left out rather than written empty.
function bullets(lines: AdfInline[][]): AdfBlock[] {
  return lines.length === 0 ? [] : [{ type: "bulletList", content: lines.map(listItem) }];
}

/** Jira's action items; their local ids need only be unique within the document, so they follow the position. */
function tasks(items: string[], listId: string): AdfBlock[] {
  if (items.length === 0) return [];
  const content = items.map(
    (item, index): AdfTaskItem => ({
      type: "taskItem",
      attrs: { localId: `${listId}-${index + 1}`, state: "TODO" },
      content: inline(item),
    }),
  );
  return [{ type: "taskList", attrs: { localId: listId }, content }];
}

function toNodes(block: Block, index: number): AdfBlock[] {
  switch (block.kind) {
    case "heading":
      return [{ type: "heading", attrs: { level: block.depth }, content: inline(block.text) }];
    case "paragraph":
      return [{ type: "paragraph", content: inline(block.text) }];
    case "fields":
      return bullets(block.fields.map(fieldLine));
    case "links":
      return bullets(block.links.map((item) => inline(item.label, [link(item.href)])));
    case "checklist":
      return tasks(block.items, `checklist-${index + 1}`);
    case "note":
      return [{ type: "paragraph", content: inline(block.text, [EMPHASIS]) }];
  }
}

/**
 * An ADF document for `blocks` (Jira Cloud descriptions). Text goes into text nodes as it is, so it cannot become
 * markup; only `href`s, already http(s), become links. Acceptance criteria become Jira action items.
 */
export function adfOf(blocks: Block[]): AdfDoc {
  return { type: "doc", version: 1, content: blocks.flatMap(toNodes) };
}
