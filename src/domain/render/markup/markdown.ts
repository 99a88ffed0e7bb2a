import type { ListItem, PhrasingContent, Root, RootContent } from "mdast";
import { defaultHandlers, toMarkdown, type Handle, type Options } from "mdast-util-to-markdown";
import type { TicketField } from "../ticket-content.js";
import type { Block } from "../ticket-layout.js";

const text = (value: string): PhrasingContent => ({ type: "text", value });

const list = (items: PhrasingContent[][], checked?: boolean): RootContent => ({
  type: "list",
  ordered: false,
  spread: false,
  children: items.map(
    (children): ListItem => ({ type: "listItem", spread: false, checked, children: [{ type: "paragraph", children }] }),
  ),
});

// One text node where possible: mdast-util-to-markdown spends most of its time per node, strong nodes most of all,
// and a 100,000-item export writes eleven of these per ticket.
const fieldLine = (field: TicketField): PhrasingContent[] =>
  field.href === null
    ? [text(`${field.name}: ${field.value}`)]
    : [text(`${field.name}: `), { type: "link", url: field.href, children: [text(field.value)] }];

function toNode(block: Block): RootContent {
  switch (block.kind) {
    case "heading":
      return { type: "heading", depth: block.depth, children: [text(block.text)] };
    case "paragraph":
      return { type: "paragraph", children: [text(block.text)] };
    case "fields":
      return list(block.fields.map(fieldLine));
    case "links":
      return list(block.links.map((link) => [{ type: "link", url: link.href, children: [text(link.label)] }]));
    case "checklist":
      return list(block.items.map((item) => [text(item)]), false);
    case "note":
      return { type: "paragraph", children: [{ type: "emphasis", children: [text(block.text)] }] };
  }
}

// toMarkdown leaves `checked` out unless the GFM extension is loaded; GFM reads "[ ] " right after the bullet as a
// task-list checkbox, and this is all that extension would add here.
const listItem: Handle = (node: ListItem, parent, state, info) => {
  const value = defaultHandlers.listItem(node, parent, state, info);
  if (typeof node.checked !== "boolean") return value;
  return value.replace(/^[*+-] /, (bullet) => `${bullet}[${node.checked ? "x" : " "}] `);
};

const OPTIONS: Options = {
  bullet: "-",
  rule: "-",
  emphasis: "_",
  strong: "*",
  listItemIndent: "one",
  handlers: { listItem },
  // A line of user text starting with "/" would run as a GitLab quick action ("/close", "/assign @x").
  unsafe: [{ character: "/", atBreak: true }],
};

/**
 * CommonMark (with GFM task lists) for `blocks`, ending in a newline. Text is escaped by mdast-util-to-markdown, so it
 * cannot become HTML, a link, an image or a quick action; only `href`s, already http(s), become links.
 * `leadingRule` (default false) puts a thematic break first, to separate tickets.
 */
export function markdownOf(blocks: Block[], leadingRule = false): string {
  const children = blocks.map(toNode);
  const root: Root = { type: "root", children: leadingRule ? [{ type: "thematicBreak" }, ...children] : children };
  return toMarkdown(root, OPTIONS);
}
