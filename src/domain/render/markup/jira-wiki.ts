import type { TicketField } from "../ticket-content.js";
import type { Block } from "../ticket-layout.js";

const WORD_JOINER = "\u2060";
const SPECIAL = /[{}[\]|*_\-+^~?!#]/g;

/**
 * `text` escaped for Jira wiki markup so it cannot open a macro, link, image, table, list or text effect. A backslash
 * escapes in Jira and two of them make a line break, so user backslashes become the look-alike "＼" (U+FF3C).
 * Lines starting "h1." to "h6." or "bq." get a word joiner before the dot so they stay text.
 */
export function escapeJiraWiki(text: string): string {
  return text
    .replace(/\\/g, "\uFF3C")
    .replace(SPECIAL, "\\$&")
    .replace(/^([\t ]*(?:h[1-6]|bq))\./gim, `$1${WORD_JOINER}.`);
}

const link = (label: string, href: string) => `[${escapeJiraWiki(label)}|${href}]`;

const fieldValue = (field: TicketField) =>
  field.href === null ? escapeJiraWiki(field.value) : link(field.value, field.href);

const bullets = (lines: string[]) => lines.map((line) => `* ${line}`).join("\n");

function blockText(block: Block): string {
  switch (block.kind) {
    case "heading":
      return `h${block.depth}. ${escapeJiraWiki(block.text)}`;
    case "paragraph":
      return escapeJiraWiki(block.text);
    case "fields":
      return bullets(block.fields.map((field) => `*${escapeJiraWiki(field.name)}:* ${fieldValue(field)}`));
    case "links":
      return bullets(block.links.map((item) => link(item.label, item.href)));
    case "checklist":
      return bullets(block.items.map((item) => `\u2610 ${escapeJiraWiki(item)}`));
    case "note":
      return `_${escapeJiraWiki(block.text)}_`;
  }
}

/** Jira wiki markup for `blocks` (the markup Jira's CSV importer reads in Description). */
export function jiraWikiOf(blocks: Block[]): string {
  return blocks.map(blockText).join("\n\n");
}
