import { computeReadiness, type Readiness } from "../../domain/readiness.js";
import { createRenderer } from "../../domain/render/index.js";
import { partitionEvidenceLinks } from "../../domain/safety/index.js";
import { planItem, planMeta, statusInFile, type ExportPlan } from "./portable-export.planner.js";

/** Sources rendered into a preview's sample. */
const SAMPLE_ITEMS = 3;

/**
 * `previewPortableExport`: the items of a plan with the readiness they would have, its findings, the evidence links a
 * file would leave out and a redacted sample of the file, without making it.
 */
export function previewOf(plan: ExportPlan, acknowledgeImportBoundary: boolean) {
  const unsafeBySource = new Map<string, number>();
  for (const finding of plan.blocking) unsafeBySource.set(finding.exportSourceId, (unsafeBySource.get(finding.exportSourceId) ?? 0) + 1);
  const items = plan.decided.map(({ source, decision }) => ({
    exportSourceId: source.id,
    duplicateKeyId: source.duplicateKeyId,
    // As the file would state it (and the sample does), like the items of a made export.
    exportStatus: statusInFile(source),
    readiness: computeReadiness({
      sourceType: source.sourceType,
      sourceId: source.sourceId,
      exportStatus: source.exportStatus,
      format: plan.choice.format,
      decision,
      fingerprint: plan.keys.get(source.duplicateKeyId)?.fingerprint ?? null,
      importBoundaryAcknowledged: acknowledgeImportBoundary,
      unsafeFindings: unsafeBySource.get(source.id) ?? 0,
    }) satisfies Readiness,
  }));
  const renderer = createRenderer(plan.choice.format, plan.choice.dialect);
  const sample = [
    renderer.begin(planMeta(plan, "preview", new Date(0))),
    ...plan.sources.slice(0, SAMPLE_ITEMS).map((source, index) => renderer.item(planItem(plan, source, true), index)),
  ].join("");
  return {
    format: plan.choice.format,
    formatReason: plan.choice.reason,
    dialect: plan.choice.dialect,
    items,
    safe: plan.blocking.length === 0,
    findings: plan.findings,
    droppedEvidenceLinks: plan.sources.flatMap((source) =>
      partitionEvidenceLinks(source.evidenceLinks).dropped.map(({ index, reason }) => ({
        exportSourceId: source.id,
        field: `evidenceLinks[${index}]`,
        reason,
      })),
    ),
    sample,
  };
}
