import type { Loaders } from "../../context.js";
import type { ExportSourceRow } from "../../db/schema.js";
import { decideFallback, type Decision } from "../../domain/fallback-decision.js";
import { chooseFormat } from "../../domain/format-choice.js";
import { computeReadiness, type Readiness } from "../../domain/readiness.js";
import { scanSource } from "../../domain/safety/index.js";
import { ExportFormat, type FileFormat } from "../../domain/vocabulary.js";

/** Sources whose findings this process counted lately, by id and version (the text changes only with updated_at). */
const counted = new Map<string, number>();
const COUNTED_LIMIT = 10_000;

/**
 * The safety findings in a source's text, counted once per version: dashboards read readiness again and again, and a
 * scan costs from a fraction of a millisecond to tens of milliseconds for the largest texts. Exports and previews scan
 * afresh; this count is only shown.
 */
function findingsIn(source: ExportSourceRow): number {
  const key = `${source.id}@${source.updatedAt.getTime()}`;
  let count = counted.get(key);
  if (count === undefined) {
    count = scanSource(source).length;
    if (counted.size >= COUNTED_LIMIT) counted.delete(counted.keys().next().value!);
    counted.set(key, count);
  }
  return count;
}

/**
 * A source's readiness now: its latest decision, or the one evaluateFallback would record now when none was (so a
 * source of an organization without a usable target shows the provider unavailable before anyone asks); the format
 * of its newest file, or the one a portable export would choose; its duplicate key; and a scan of its current text.
 * Every file needs the import boundary acknowledged, so having one means it was.
 */
export async function readinessOf(source: ExportSourceRow, loaders: Loaders, failureThreshold: number): Promise<Readiness> {
  const [recorded, files, key] = await Promise.all([
    loaders.latestDecisionBySource.load(source.id),
    loaders.portableExportsBySource.load(source.id),
    loaders.duplicateKeyById.load(source.duplicateKeyId),
  ]);
  const unsafeFindings = findingsIn(source);
  const decision: Decision = recorded
    ? { outcome: recorded.outcome, reason: recorded.reason, targetId: recorded.providerTargetId, detail: recorded.detail }
    : decideFallback({
        sourceType: source.sourceType,
        targets: await loaders.targetSnapshots(),
        requirement: null,
        unsafeContent: unsafeFindings > 0,
        now: new Date(),
        failureThreshold,
      });
  return computeReadiness({
    sourceType: source.sourceType,
    sourceId: source.sourceId,
    exportStatus: source.exportStatus,
    format: (files[0]?.export.format as FileFormat | undefined) ?? chooseFormat(ExportFormat.PORTABLE_EXPORT, null, [source]).format,
    decision,
    fingerprint: key?.fingerprint ?? null,
    importBoundaryAcknowledged: files.length > 0,
    unsafeFindings,
  });
}
