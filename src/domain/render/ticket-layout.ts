import type { TicketContent, TicketField, TicketLink } from "./ticket-content.js";

/** A block of a ticket's text, written by each markup in its own syntax. */
export type Block =
  | { kind: "heading"; depth: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "fields"; fields: TicketField[] }
  | { kind: "links"; links: TicketLink[] }
  | { kind: "checklist"; items: string[] }
  /** Set apart from the text around it (emphasis where the markup has it). */
  | { kind: "note"; text: string };

const section = (title: string, blocks: Block[]): Block[] =>
  blocks.length === 0 ? [] : [{ kind: "heading", depth: 3, text: title }, ...blocks];

function trailingSections(content: TicketContent): Block[] {
  return [
    ...section("Evidence", content.evidence.length === 0 ? [] : [{ kind: "links", links: content.evidence }]),
    ...section(
      "Acceptance criteria",
      content.acceptanceCriteria.length === 0 ? [] : [{ kind: "checklist", items: content.acceptanceCriteria }],
    ),
    { kind: "note", text: content.importBoundary },
  ];
}

// The description, then the note saying what a length limit left out of it, if anything.
const paragraphs = (content: TicketContent): Block[] => [
  ...content.paragraphs.map((text): Block => ({ kind: "paragraph", text })),
  ...(content.shortened === null ? [] : [{ kind: "note", text: content.shortened } as const]),
];

const guard = (content: TicketContent): Block => ({ kind: "paragraph", text: content.duplicateGuard });

/**
 * A ticket body that travels alone (Markdown export): title, duplicate guard, details, description, evidence, criteria,
 * boundary.
 */
export function bodyLayout(content: TicketContent): Block[] {
  return [
    { kind: "heading", depth: 2, text: content.title },
    guard(content),
    { kind: "fields", fields: content.fields },
    ...section("Description", paragraphs(content)),
    ...trailingSections(content),
  ];
}

/**
 * A tracker's description field, whose title is its own column: the duplicate guard line first (a line that survives
 * any truncation and that native lookup searches for), the description, then the details.
 */
export function descriptionLayout(content: TicketContent): Block[] {
  return [
    guard(content),
    ...paragraphs(content),
    ...section("Details", [{ kind: "fields", fields: content.fields }]),
    ...trailingSections(content),
  ];
}
