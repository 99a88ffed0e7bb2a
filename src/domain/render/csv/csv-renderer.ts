import { stringify, type Options } from "csv-stringify/sync";
import type { ExportItem } from "../../export-item.js";
import { ticketContent } from "../ticket-content.js";
import type { FileRenderer } from "../types.js";
import type { CsvDialect } from "./csv-dialect.js";

// escape_formulas prefixes "'" to every cell starting with = + - @ TAB or CR (and their full-width forms), the OWASP
// neutralisation of CSV formula injection; it applies to string cells, which every cell here is.
// Any line break is quoted, not only CRLF: spreadsheets and most readers end a record at a bare LF too, and the
// next "record" would start with a cell the formula prefix never saw.
const OPTIONS: Options = { record_delimiter: "windows", escape_formulas: true, quoted_match: /[\r\n]/ };

const record = (cells: string[]) => stringify([cells], OPTIONS);

// The characters escape_formulas looks for; a tracker dialect puts a word joiner before them instead (see CsvDialect).
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const WORD_JOINER = "\u2060";
const joinerGuard = (cell: string) => (FORMULA_START.test(cell) ? WORD_JOINER + cell : cell);

/** An RFC 4180 CSV writer (CRLF records, quoting where needed, UTF-8) for one dialect. */
export function csvRenderer(dialect: CsvDialect): FileRenderer {
  const titleLimit = dialect.importer?.maxTitleLength;
  const guard = dialect.importer === undefined ? (cell: string) => cell : joinerGuard;
  return {
    contentType: "text/csv; charset=utf-8",
    fileExtension: "csv",
    byteOrderMark: dialect.byteOrderMark === true,
    importer: dialect.importer,
    begin: () => (dialect.byteOrderMark ? "\uFEFF" : "") + record(dialect.columns.map(([header]) => header)),
    item: (item: ExportItem) => {
      const content = ticketContent(item, titleLimit);
      return record(dialect.columns.map(([, cell]) => guard(cell(item, content))));
    },
    end: () => "",
  };
}
