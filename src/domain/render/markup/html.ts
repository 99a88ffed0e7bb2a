import type { TicketField } from "../ticket-content.js";
import type { Block } from "../ticket-layout.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** `text` with the five HTML-significant characters replaced by entities: safe as element text and in attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}

const lines = (text: string) => text.split("\n").map(escapeHtml).join("<br>");

const anchor = (label: string, href: string) => `<a href="${escapeHtml(href)}">${lines(label)}</a>`;

const fieldValue = (field: TicketField) => (field.href === null ? lines(field.value) : anchor(field.value, field.href));

const bullets = (items: string[]) => `<ul>${items.map((item) => `<li>${item}</li>`).join("")}</ul>`;

function blockHtml(block: Block): string {
  switch (block.kind) {
    case "heading":
      return `<h${block.depth}>${lines(block.text)}</h${block.depth}>`;
    case "paragraph":
      return `<p>${lines(block.text)}</p>`;
    case "fields":
      return bullets(block.fields.map((field) => `<b>${escapeHtml(field.name)}:</b> ${fieldValue(field)}`));
    case "links":
      return bullets(block.links.map((link) => anchor(link.label, link.href)));
    case "checklist":
      return bullets(block.items.map((item) => `\u2610 ${lines(item)}`));
    case "note":
      return `<p><i>${lines(block.text)}</i></p>`;
  }
}

/** An HTML fragment for `blocks` (Azure DevOps descriptions are HTML); every piece of text is escaped. */
export function htmlOf(blocks: Block[]): string {
  return blocks.map(blockHtml).join("\n");
}
