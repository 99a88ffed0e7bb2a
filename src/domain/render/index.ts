import type { FileFormat } from "../vocabulary.js";
import { BITBUCKET_ISSUES_DIALECT, bitbucketIssuesRenderer } from "./bitbucket-issues.js";
import { csvRenderer } from "./csv/csv-renderer.js";
import { CSV_DIALECTS, csvDialect } from "./csv/dialects.js";
import { jsonRenderer } from "./json-renderer.js";
import { markdownRenderer } from "./markdown-renderer.js";
import type { FileRenderer } from "./types.js";

export type { ExportMeta, FileRenderer } from "./types.js";
export type { ImportLimits } from "./import-limits.js";
export { CSV_DIALECTS } from "./csv/dialects.js";
export { BITBUCKET_ISSUES_DIALECT } from "./bitbucket-issues.js";
export { IMPORT_BOUNDARY_LINE } from "./import-boundary.js";
export { jsonExportSchema, renderJsonExportSchema, JSON_EXPORT_SCHEMA_ID } from "./json-export.schema.js";

export const MARKDOWN_DIALECT = "gfm";
export const JSON_DIALECT = "v1";

/** The dialects each file format is written in; the first is its default. */
export const FILE_FORMAT_DIALECTS: Readonly<Record<FileFormat, readonly string[]>> = {
  CSV_EXPORT: CSV_DIALECTS,
  MARKDOWN_EXPORT: [MARKDOWN_DIALECT],
  JSON_EXPORT: [JSON_DIALECT, BITBUCKET_ISSUES_DIALECT],
};

/**
 * The renderer of `format` in `dialect`; throws when the format has no such dialect (see FILE_FORMAT_DIALECTS). Its
 * `importer` says which tracker importer the file is written for and what that importer takes in one file.
 */
export function createRenderer(format: FileFormat, dialect: string): FileRenderer {
  const known = FILE_FORMAT_DIALECTS[format];
  if (!known?.includes(dialect)) {
    throw new Error(`Unknown dialect "${dialect}" for ${format}; expected one of: ${known?.join(", ") ?? "none"}.`);
  }
  if (format === "MARKDOWN_EXPORT") return markdownRenderer;
  if (format === "JSON_EXPORT") return dialect === BITBUCKET_ISSUES_DIALECT ? bitbucketIssuesRenderer : jsonRenderer;
  return csvRenderer(csvDialect(dialect)!);
}
