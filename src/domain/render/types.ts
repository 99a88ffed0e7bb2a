import type { ExportItem, ExportReport } from "../export-item.js";
import type { FileFormat } from "../vocabulary.js";
import type { ImportLimits } from "./import-limits.js";

/** What a renderer knows about the export as a whole: written once before and once after the items. */
export interface ExportMeta {
  exportId: string;
  /** The organization's slug. */
  organization: string;
  createdAt: Date;
  format: FileFormat;
  dialect: string;
  formatReason: string;
  report: ExportReport;
  itemCount: number;
}

/**
 * Writes one portable file in pieces, so that an export of 100,000 items is streamed from a database cursor and
 * never held as one string. Concatenating `begin`, every `item` in order and `end` gives the whole file; the same
 * input always gives the same bytes.
 */
export interface FileRenderer {
  /** For the HTTP response, e.g. "text/csv; charset=utf-8". */
  readonly contentType: string;
  /** Without the dot: "csv", "md" or "json". */
  readonly fileExtension: string;
  /** True when `begin` starts with a UTF-8 byte order mark (U+FEFF); default false. */
  readonly byteOrderMark?: boolean;
  /** The tracker importer the file is written for and what it takes in one file; undefined for neutral formats. */
  readonly importer?: ImportLimits;
  /** The header row, preamble or opening of the document. */
  begin(meta: ExportMeta): string;
  /** One row, ticket body or array element; `index` counts from 0 and places the separators. */
  item(item: ExportItem, index: number): string;
  /** The closing of the document (may be empty). */
  end(meta: ExportMeta): string;
}
