import type { ExportItem } from "../export-item.js";
import { IMPORT_BOUNDARY_LINE } from "./import-boundary.js";
import { JSON_EXPORT_SCHEMA_ID, JSON_EXPORT_SCHEMA_VERSION } from "./json-export.schema.js";
import { labelsWithFingerprint, linkableEvidence } from "./ticket-content.js";
import type { ExportMeta, FileRenderer } from "./types.js";

// The document is written in pieces: everything up to `"items":[`, one element per line, then the closing.
const ITEMS_KEY = '"items":[';

function documentHead(meta: ExportMeta): string {
  const head = {
    schemaVersion: JSON_EXPORT_SCHEMA_VERSION,
    $schema: JSON_EXPORT_SCHEMA_ID,
    export: {
      id: meta.exportId,
      organization: meta.organization,
      createdAt: meta.createdAt.toISOString(),
      format: meta.format,
      dialect: meta.dialect,
      formatReason: meta.formatReason,
      itemCount: meta.itemCount,
      report: { externalId: meta.report.externalId, title: meta.report.title, siteUrl: meta.report.siteUrl },
    },
    importBoundary: IMPORT_BOUNDARY_LINE,
  };
  return `${JSON.stringify(head).slice(0, -1)},${ITEMS_KEY}\n`;
}

function element(item: ExportItem) {
  return {
    sourceType: item.sourceType,
    sourceId: item.sourceId,
    title: item.title,
    severity: item.severity,
    priority: item.priority,
    exportStatus: item.exportStatus,
    fingerprint: item.fingerprint,
    fingerprintLabel: item.fingerprintLabel,
    labels: labelsWithFingerprint(item),
    affectedUrl: item.affectedUrl,
    description: item.description,
    acceptanceCriteria: item.acceptanceCriteria,
    evidenceLinks: linkableEvidence(item.evidenceLinks),
    report: { externalId: item.report.externalId, title: item.report.title, siteUrl: item.report.siteUrl },
  };
}

/** The versioned JSON document described by `jsonExportSchema`, streamed one item per line. */
export const jsonRenderer: FileRenderer = {
  contentType: "application/json",
  fileExtension: "json",
  begin: documentHead,
  item: (item: ExportItem, index: number) => `${index > 0 ? ",\n" : ""}${JSON.stringify(element(item))}`,
  end: () => "\n]}\n",
};
