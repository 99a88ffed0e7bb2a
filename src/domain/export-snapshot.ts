import type { ExportItem, ExportReport, SourceContent } from "./export-item.js";
import { partitionEvidenceLinks, redactSource, redactText, scanText, type SafetyFinding } from "./safety/index.js";
import type { ExportStatus, Priority, Severity, SourceType } from "./vocabulary.js";

export interface SnapshotSource extends SourceContent {
  sourceType: SourceType;
  sourceId: string;
  severity: Severity;
  priority: Priority;
  /** When the source was first ingested (its row's created_at). */
  createdAt?: Date;
}

/**
 * What a file may say of a source: with `redact`, every finding replaced by `[redacted:<kind>]` and unsafe evidence
 * links dropped; without it (the caller has refused unsafe sources already), only the evidence-safe links kept.
 * `findings` are the source's, when the caller scanned it already.
 */
export function exportContent(source: SourceContent, redact: boolean, findings?: readonly SafetyFinding[]): SourceContent {
  if (redact) return redactSource(source, findings);
  return {
    sourceId: source.sourceId,
    title: source.title,
    description: source.description,
    affectedUrl: source.affectedUrl,
    labels: source.labels,
    acceptanceCriteria: source.acceptanceCriteria,
    evidenceLinks: partitionEvidenceLinks(source.evidenceLinks).safe,
  };
}

/**
 * The report as files name it. Report titles are not reviewed like sources, so anything the scanner finds in them is
 * always redacted rather than blocking the export.
 */
export function exportReport(report: ExportReport): ExportReport {
  const clean = (text: string, field: string) => redactText(text, scanText(text, field));
  return { externalId: clean(report.externalId, "externalId"), title: clean(report.title, "title"), siteUrl: clean(report.siteUrl, "siteUrl") };
}

/** One source as it goes into a file. */
export function exportItem(
  source: SnapshotSource,
  key: { fingerprint: string; label: string },
  report: ExportReport,
  exportStatus: ExportStatus,
  redact: boolean,
  findings?: readonly SafetyFinding[],
): ExportItem {
  return {
    ...exportContent(source, redact, findings),
    sourceType: source.sourceType,
    sourceId: source.sourceId,
    severity: source.severity,
    priority: source.priority,
    exportStatus,
    fingerprint: key.fingerprint,
    fingerprintLabel: key.label,
    report,
    createdAt: source.createdAt,
  };
}

/** The name part that stands for a report whose external id holds something the scanner flags. */
export const NEUTRAL_FILE_NAME_PART = "report";

/**
 * A file name safe on every file system: report id, format, dialect and time, e.g. `scan-1-csv-jira-20261127T0455Z.csv`.
 * A file name is shown everywhere, and redaction does not reach it: when the report's external id (or the slug made
 * of it) holds anything the scanner flags, the name says {@link NEUTRAL_FILE_NAME_PART} instead, whether or not the
 * file itself is redacted.
 */
export function exportFileName(reportExternalId: string, dialect: string, extension: string, createdAt: Date): string {
  const slug = (text: string) =>
    text
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || NEUTRAL_FILE_NAME_PART;
  const flagged = (text: string) => scanText(text, "fileName").length > 0;
  const reportPart = flagged(reportExternalId) || flagged(slug(reportExternalId)) ? NEUTRAL_FILE_NAME_PART : slug(reportExternalId);
  const stamp = createdAt.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${reportPart}-${slug(dialect)}-${stamp}.${extension}`;
}
