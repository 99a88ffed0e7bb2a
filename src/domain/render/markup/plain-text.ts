import type { Block } from "../ticket-layout.js";

const bullets = (lines: string[]) => lines.map((line) => `- ${line}`).join("\n");

function blockText(block: Block): string {
  switch (block.kind) {
    case "heading":
    case "paragraph":
    case "note":
      return block.text;
    case "fields":
      return bullets(block.fields.map((field) => `${field.name}: ${field.value}`));
    case "links":
      return bullets(block.links.map((link) => `${link.label}: ${link.href}`));
    case "checklist":
      return bullets(block.items.map((item) => `[ ] ${item}`));
  }
}

/** Plain text for `blocks`, for importers that keep descriptions as typed (Asana, ClickUp). */
export function plainTextOf(blocks: Block[]): string {
  return blocks.map(blockText).join("\n\n");
}
