import type { FileFormat } from "../vocabulary.js";
import { csvRenderer } from "./csv/csv-renderer.js";
import { CSV_DIALECTS, csvDialect } from "./csv/dialects.js";
import { jsonRenderer } from "./json-renderer.js";
import { markdownRenderer } from "./markdown-renderer.js";
import type { FileRenderer } from "./types.js";

export type { ExportMeta, FileRenderer } from "./types.js";
export { CSV_DIALECTS } from "./csv/dialects.js";
export { IMPORT_BOUNDARY_LINE } from "./import-boundary.js";
export { jsonExportSchema, renderJsonExportSchema, JSON_EXPORT_SCHEMA_ID } from "./json-export.schema.js";

export const MARKDOWN_DIALECT = "gfm";
export const JSON_DIALECT = "v1";

/** The dialects each file format is written in; the first is its default. */
export const FILE_FORMAT_DIALECTS: Readonly<Record<FileFormat, readonly string[]>> = {
  CSV_EXPORT: CSV_DIALECTS,
  MARKDOWN_EXPORT: [MARKDOWN_DIALECT],
  JSON_EXPORT: [JSON_DIALECT],
};

/** The renderer of `format` in `dialect`; throws when the format has no such dialect (see FILE_FORMAT_DIALECTS). */
export function createRenderer(format: FileFormat, dialect: string): FileRenderer {
  const known = FILE_FORMAT_DIALECTS[format];
  if (!known?.includes(dialect)) {
    throw new Error(`Unknown dialect "${dialect}" for ${format}; expected one of: ${known?.join(", ") ?? "none"}.`);
  }
  if (format === "MARKDOWN_EXPORT") return markdownRenderer;
  if (format === "JSON_EXPORT") return jsonRenderer;
  return csvRenderer(csvDialect(dialect)!);
}
