import { IMPORT_BOUNDARY_LINE } from "../import-boundary.js";
import { labelsWithFingerprint, linkableEvidence } from "../ticket-content.js";
import type { CsvDialect } from "./csv-dialect.js";

// Values are kept as the source has them (only formula neutralisation applies); a list holds one value per line.
const lines = (values: string[]) => values.join("\n");

/** Every field in its own snake_case column, for spreadsheets and importers that map columns by hand. */
export const genericDialect: CsvDialect = {
  name: "generic",
  columns: [
    ["title", (item) => item.title],
    ["description", (item) => item.description ?? ""],
    ["source_type", (item) => item.sourceType],
    ["source_id", (item) => item.sourceId],
    ["severity", (item) => item.severity],
    ["priority", (item) => item.priority],
    ["export_status", (item) => item.exportStatus],
    ["labels", (item) => lines(labelsWithFingerprint(item))],
    ["fingerprint", (item) => item.fingerprint],
    ["fingerprint_label", (item) => item.fingerprintLabel],
    ["affected_url", (item) => item.affectedUrl],
    [
      "evidence_links",
      (item) => lines(linkableEvidence(item.evidenceLinks).map(({ label, url }) => `${label} <${url}>`)),
    ],
    ["acceptance_criteria", (item) => lines(item.acceptanceCriteria)],
    ["report_external_id", (item) => item.report.externalId],
    ["report_title", (item) => item.report.title],
    ["report_site_url", (item) => item.report.siteUrl],
    ["import_boundary", () => IMPORT_BOUNDARY_LINE],
  ],
};

/** The generic layout with a UTF-8 byte order mark, without which Excel garbles non-ASCII text. */
export const genericExcelDialect: CsvDialect = { ...genericDialect, name: "generic-excel", byteOrderMark: true };
