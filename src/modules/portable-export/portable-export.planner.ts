import { and, eq } from "drizzle-orm";
import type { Principal } from "../../auth/tokens.js";
import type { Db } from "../../db/client.js";
import { duplicateKeys, reports, type ExportSourceRow } from "../../db/schema.js";
import type { ExportReport } from "../../domain/export-item.js";
import { exportItem, exportReport } from "../../domain/export-snapshot.js";
import { canMove } from "../../domain/export-status.js";
import { chooseFormat, type FormatChoice } from "../../domain/format-choice.js";
import { SOURCE_LIMITS } from "../../domain/input-rules.js";
import type { ExportMeta } from "../../domain/render/index.js";
import { blockingFindings, scanSource, SOURCE_ID_FIELD, SOURCE_ID_REMEDY, type SafetyFinding } from "../../domain/safety/index.js";
import { DomainError, ErrorCode, badInput } from "../../errors.js";
import { anyId } from "../common/ids.js";
import type { ExportSourceService } from "../export-source/export-source.service.js";
import type { Decided, FallbackDecisionService } from "../fallback-decision/fallback-decision.service.js";
import type { PortableExportInput } from "./portable-export.input.js";

/** What an export of one request would hold, and why it may or may not be made: shared by preview and creation. */
export interface ExportPlan {
  /** The organization's slug, as files name it. */
  organization: string;
  sources: ExportSourceRow[];
  keys: Map<string, { fingerprint: string; label: string }>;
  report: { id: string; externalId: string; title: string; siteUrl: string };
  choice: FormatChoice;
  decided: Decided[];
  findings: (SafetyFinding & { exportSourceId: string })[];
  /** The findings that refuse the export: all of them, or with redaction those it cannot remove (in sourceId). */
  blocking: (SafetyFinding & { exportSourceId: string })[];
  findingsBySource: Map<string, SafetyFinding[]>;
  /** The report as files name it, scanned once. */
  fileReport: ExportReport;
}

/** Loads what an export would hold: its sources, their duplicate keys, their decisions and their safety findings. */
export class PortableExportPlanner {
  constructor(
    private readonly db: Db,
    private readonly sources: ExportSourceService,
    private readonly decisions: FallbackDecisionService,
  ) {}

  /** The plan of an export of `input`; throws BAD_USER_INPUT / NOT_FOUND on bad input. */
  async plan(principal: Pick<Principal, "organizationId" | "organizationSlug">, input: PortableExportInput): Promise<ExportPlan> {
    const organizationId = principal.organizationId;
    const sources = await this.sources.load(organizationId, input.sourceIds, { field: "input.sourceIds", max: SOURCE_LIMITS.perExport });
    const reportIds = new Set(sources.map((source) => source.reportId));
    if (reportIds.size > 1) {
      throw badInput("input.sourceIds", `names sources of ${reportIds.size} reports; export one report at a time.`);
    }
    const [report] = await this.db.select().from(reports).where(eq(reports.id, sources[0].reportId));
    const keyRows = await this.db
      .select({ id: duplicateKeys.id, fingerprint: duplicateKeys.fingerprint, label: duplicateKeys.label })
      .from(duplicateKeys)
      .where(and(eq(duplicateKeys.organizationId, organizationId), anyId(duplicateKeys.id, sources.map((source) => source.duplicateKeyId))));
    const findingsBySource = new Map(sources.map((source) => [source.id, scanSource(source)]));
    const redact = Boolean(input.redact);
    const decided = await this.decisions.decide(organizationId, sources, {
      requirement: { keep: true },
      // The counts already leave out what redaction removes, so they alone say whether a source is blocked.
      findingCounts: new Map([...findingsBySource].map(([id, found]) => [id, blockingFindings(found, redact).length])),
    });
    const findings = sources.flatMap((source) =>
      findingsBySource.get(source.id)!.map((finding) => ({ ...finding, exportSourceId: source.id })),
    );
    return {
      organization: principal.organizationSlug,
      sources,
      keys: new Map(keyRows.map((row) => [row.id, row])),
      report,
      choice: chooseFormat(input.format, input.intendedTracker ?? null, sources),
      decided,
      findings,
      blocking: blockingFindings(findings, redact),
      findingsBySource,
      fileReport: exportReport(report),
    };
  }
}

/** The status the file states for a source: PORTABLE_READY when the export moves it there, else its own. */
export const statusInFile = (source: ExportSourceRow) =>
  canMove(source.exportStatus, "PORTABLE_READY") ? "PORTABLE_READY" : source.exportStatus;

/** A source of the plan as its file (or a preview's sample) carries it. */
export function planItem(plan: ExportPlan, source: ExportSourceRow, redact: boolean) {
  const key = plan.keys.get(source.duplicateKeyId)!;
  return exportItem(source, key, plan.fileReport, statusInFile(source), redact, plan.findingsBySource.get(source.id));
}

/** What a file of the plan states about itself. */
export function planMeta(plan: ExportPlan, exportId: string, createdAt: Date): ExportMeta {
  return {
    exportId,
    organization: plan.organization,
    createdAt,
    format: plan.choice.format,
    dialect: plan.choice.dialect,
    formatReason: plan.choice.reason,
    report: plan.fileReport,
    itemCount: plan.sources.length,
  };
}

/** The product rules of a portable export: a usable native target wins, and unsafe content never leaves. */
export function refuseUnlessPortable(plan: ExportPlan, redact: boolean) {
  const native = plan.decided.filter(({ decision }) => decision.outcome === "PROVIDER_NATIVE");
  if (native.length > 0) {
    throw new DomainError(
      ErrorCode.PROVIDER_NATIVE_AVAILABLE,
      `${native[0].decision.detail} ${native.length} of ${plan.decided.length} sources can go provider-native; export them there, or record the customer's requirement for a file with evaluateFallback(requirePortable: true, reason).`,
      { sourceIds: native.map(({ source }) => source.id), targetId: native[0].decision.targetId },
    );
  }
  if (plan.blocking.length > 0) {
    const fields = plan.blocking.map((finding) => ({
      sourceId: finding.exportSourceId,
      field: finding.field,
      kind: finding.kind,
      rule: finding.rule,
    }));
    const sources = new Set(fields.map((field) => field.sourceId));
    // Ids first: they are the findings that redaction cannot clear, so a person must see them.
    const inId = fields.filter((field) => field.field === SOURCE_ID_FIELD);
    const named = [...inId, ...fields.filter((field) => field.field !== SOURCE_ID_FIELD)]
      .slice(0, 5)
      .map((field) => `${field.sourceId} ${field.field} (${field.kind.toLowerCase()})`)
      .join(", ");
    const redactable = fields.length - inId.length;
    const remedy = redact || redactable === 0 ? "must be fixed at the source" : "must be fixed at the source or redacted (redact: true)";
    throw new DomainError(
      ErrorCode.UNSAFE_PREVIEW_BLOCKED,
      `${fields.length} safety findings in ${sources.size} sources ${remedy}: ${named}${fields.length > 5 ? ", ..." : ""}.` +
        (inId.length > 0 ? ` ${SOURCE_ID_REMEDY}` : ""),
      { findings: fields },
    );
  }
}
