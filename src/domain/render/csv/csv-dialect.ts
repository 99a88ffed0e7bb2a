import type { ExportItem } from "../../export-item.js";
import type { TicketContent } from "../ticket-content.js";

/** Computes one cell of a row; `content` is the item prepared for a tracker (see ticketContent). */
export type Cell = (item: ExportItem, content: TicketContent) => string;

/** A CSV layout: its header and one cell function per column, in order (a header may repeat, as Jira's Labels). */
export interface CsvDialect {
  readonly name: string;
  readonly columns: ReadonlyArray<readonly [header: string, cell: Cell]>;
  /** Excel reads a CSV as UTF-8 only when it starts with a byte order mark. Default false. */
  readonly byteOrderMark?: boolean;
}

/**
 * `labels` as one cell for an importer that splits on `separator`: a separator, comma, semicolon or line break inside
 * a label becomes "-", empty labels are dropped and duplicates kept once.
 */
export function joinLabels(labels: string[], separator: string): string {
  const cleaned = labels.map((label) => label.replace(/[,;\r\n]+/g, "-").trim()).filter((label) => label !== "");
  return [...new Set(cleaned)].join(separator);
}
