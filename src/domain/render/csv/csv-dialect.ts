import type { ExportItem } from "../../export-item.js";
import type { ImportLimits } from "../import-limits.js";
import type { TicketContent } from "../ticket-content.js";

/** Computes one cell of a row; `content` is the item prepared for a tracker (see ticketContent). */
export type Cell = (item: ExportItem, content: TicketContent) => string;

/** A CSV layout: its header and one cell function per column, in order (a header may repeat, as Jira's Labels). */
export interface CsvDialect {
  readonly name: string;
  readonly columns: ReadonlyArray<readonly [header: string, cell: Cell]>;
  /** Excel reads a CSV as UTF-8 only when it starts with a byte order mark. Default false. */
  readonly byteOrderMark?: boolean;
  /**
   * The importer this layout targets. Set for tracker dialects, which also guard a cell that would start a formula
   * with an invisible word joiner instead of a quote: importers keep the quote in the ticket, but show nothing for
   * the joiner, and no spreadsheet reads a formula from a cell that starts with it.
   */
  readonly importer?: ImportLimits;
}

/** Trims a label and turns a comma, semicolon or line break in it into "-", for importers splitting on one of them. */
const listSafeLabel = (label: string) => label.replace(/[,;\r\n]+/g, "-").trim();

/**
 * `labels` as one cell for an importer that splits on `separator`: each label made safe by `clean` (by default
 * listSafeLabel), empty labels dropped and duplicates kept once, in order.
 */
export function joinLabels(labels: string[], separator: string, clean: (label: string) => string = listSafeLabel): string {
  const cleaned = labels.map(clean).filter((label) => label !== "");
  return [...new Set(cleaned)].join(separator);
}
