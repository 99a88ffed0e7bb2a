import type { ExportStatus, Priority, Severity, SourceType } from "./vocabulary.js";

export interface EvidenceLink {
  label: string;
  url: string;
}

/** The fields of a source that a person or a tracker sees: what the safety scanner reads and redacts. */
export interface SourceContent {
  /** The scanner's stable id: scanned like the rest, but never redacted, since the fingerprint is computed from it. */
  sourceId: string;
  title: string;
  description: string | null;
  affectedUrl: string;
  labels: string[];
  acceptanceCriteria: string[];
  evidenceLinks: EvidenceLink[];
}

/**
 * One source as it goes into a portable file: already redacted where asked, with evidence links already reduced to
 * the evidence-safe ones. Renderers take this and nothing else.
 */
export interface ExportItem extends SourceContent {
  sourceType: SourceType;
  sourceId: string;
  severity: Severity;
  priority: Priority;
  exportStatus: ExportStatus;
  fingerprint: string;
  /** Tracker-safe form of the fingerprint, also carried as a label. */
  fingerprintLabel: string;
  report: ExportReport;
  /** When the source was first ingested; files that record a creation time (Bitbucket's issues) use it. */
  createdAt?: Date;
}

export interface ExportReport {
  externalId: string;
  title: string;
  siteUrl: string;
}
