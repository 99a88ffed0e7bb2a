import type { Loaders } from "../../context.js";
import type { ExportSourceRow } from "../../db/schema.js";
import type { Decision } from "../../domain/fallback-decision.js";
import { computeReadiness, type Readiness } from "../../domain/readiness.js";
import { scanSource } from "../../domain/safety/index.js";
import type { FileFormat } from "../../domain/vocabulary.js";

/**
 * A source's readiness as stored: its latest decision, its newest file's format (every file needs the import
 * boundary acknowledged, so having one means it was), its duplicate key, and a scan of its current text.
 */
export async function readinessOf(source: ExportSourceRow, loaders: Loaders): Promise<Readiness> {
  const [decision, files, key] = await Promise.all([
    loaders.latestDecisionBySource.load(source.id),
    loaders.portableExportsBySource.load(source.id),
    loaders.duplicateKeyById.load(source.duplicateKeyId),
  ]);
  const recorded: Decision | null = decision && {
    outcome: decision.outcome,
    reason: decision.reason,
    targetId: decision.providerTargetId,
    detail: decision.detail,
  };
  return computeReadiness({
    sourceType: source.sourceType,
    sourceId: source.sourceId,
    exportStatus: source.exportStatus,
    format: (files[0]?.export.format as FileFormat | undefined) ?? null,
    decision: recorded,
    fingerprint: key?.fingerprint ?? null,
    importBoundaryAcknowledged: files.length > 0,
    unsafeFindings: scanSource(source).length,
  });
}
