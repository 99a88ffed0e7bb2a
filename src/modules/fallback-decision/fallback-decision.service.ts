import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, Executor, Tx } from "../../db/client.js";
import { exportSources, fallbackDecisions, type ExportSourceRow, type FallbackDecisionRow } from "../../db/schema.js";
import { decideFallback, type Decision, type PortableRequirement } from "../../domain/fallback-decision.js";
import { TEXT_LIMITS, text } from "../../domain/input-rules.js";
import { scanSource } from "../../domain/safety/index.js";
import { badInput } from "../../errors.js";
import { chunks } from "../common/batch.js";
import { anyId } from "../common/ids.js";
import type { ExportSourceService } from "../export-source/export-source.service.js";
import { changeExportStatus, sourcesWithIds } from "../export-status/export-status.service.js";
import { targetSnapshots, type ProviderTargetService } from "../provider-target/provider-target.service.js";

/** The causes of the status changes a decision makes: unsafe text blocks a source, fixed text frees it. */
const UNSAFE_CAUSE = "fallback-decision:UNSAFE_PREVIEW_BLOCKED";
const SAFE_CAUSE = "fallback-decision:content-safe";

export interface Decided {
  source: ExportSourceRow;
  decision: Decision;
  requirement: PortableRequirement | null;
}

/** How to treat the customer's requirement: set a new one, clear it, or keep the recorded one. */
export type RequirementChange = { set: PortableRequirement } | { clear: true } | { keep: true };

export class FallbackDecisionService {
  constructor(
    private readonly db: Db,
    private readonly sources: ExportSourceService,
    targets: ProviderTargetService,
    private readonly failureThreshold: number,
  ) {
    // Decisions follow their targets: revoked, rate limited, failing, disconnected, back.
    targets.onChange((organizationId) => this.redecideAll(organizationId));
  }

  /** The requirement recorded with each source's latest decision. */
  private async recordedRequirements(
    organizationId: string,
    sourceIds: readonly string[],
    executor: Executor,
  ): Promise<Map<string, PortableRequirement>> {
    const rows = await executor
      .selectDistinctOn([fallbackDecisions.exportSourceId], {
        sourceId: fallbackDecisions.exportSourceId,
        reason: fallbackDecisions.requirementReason,
        requestedBy: fallbackDecisions.requestedBy,
      })
      .from(fallbackDecisions)
      .where(and(eq(fallbackDecisions.organizationId, organizationId), anyId(fallbackDecisions.exportSourceId, sourceIds)))
      .orderBy(fallbackDecisions.exportSourceId, desc(fallbackDecisions.seq));
    const requirements = new Map<string, PortableRequirement>();
    for (const row of rows) {
      if (row.reason !== null && row.requestedBy !== null) {
        requirements.set(row.sourceId, { reason: row.reason, requestedBy: row.requestedBy });
      }
    }
    return requirements;
  }

  /**
   * Decides each source now. `findingCounts`, when the caller scanned the sources already, saves scanning them again;
   * an export that will redact passes only the findings redaction cannot remove.
   */
  async decide(
    organizationId: string,
    sources: ExportSourceRow[],
    options: { requirement: RequirementChange; findingCounts?: ReadonlyMap<string, number> },
    executor: Executor = this.db,
  ): Promise<Decided[]> {
    const [targets, recorded] = await Promise.all([
      targetSnapshots(executor, organizationId),
      "keep" in options.requirement
        ? this.recordedRequirements(organizationId, sources.map((source) => source.id), executor)
        : Promise.resolve(new Map<string, PortableRequirement>()),
    ]);
    const now = new Date();
    return sources.map((source) => {
      const requirement =
        "set" in options.requirement ? options.requirement.set : "clear" in options.requirement ? null : (recorded.get(source.id) ?? null);
      const unsafeContent = (options.findingCounts?.get(source.id) ?? scanSource(source).length) > 0;
      const decision = decideFallback({
        sourceType: source.sourceType,
        targets,
        requirement,
        unsafeContent,
        now,
        failureThreshold: this.failureThreshold,
      });
      return { source, decision, requirement };
    });
  }

  /** Appends the decisions to the history; the newest is each source's `fallbackDecision`. */
  async record(organizationId: string, decided: Decided[], executor: Executor = this.db): Promise<FallbackDecisionRow[]> {
    const rows: FallbackDecisionRow[] = [];
    for (const batch of chunks(decided)) {
      rows.push(
        ...(await executor
          .insert(fallbackDecisions)
          .values(
            batch.map(({ source, decision, requirement }) => ({
              organizationId,
              exportSourceId: source.id,
              outcome: decision.outcome,
              reason: decision.reason,
              providerTargetId: decision.targetId,
              detail: decision.detail,
              requirementReason: requirement?.reason ?? null,
              requestedBy: requirement?.requestedBy ?? null,
            })),
          )
          .returning()),
      );
    }
    return rows;
  }

  /**
   * `evaluateFallback`: decides and records each source. `requirePortable: true` records the customer's requirement
   * (a reason is required), `false` clears it, absent keeps what was recorded. A source not exported yet moves to
   * UNSAFE_BLOCKED when its text is unsafe, and back to NOT_EXPORTED once it is not, in the same transaction.
   */
  async evaluate(
    organizationId: string,
    actor: string,
    sourceIds: readonly string[],
    requirePortable: boolean | null | undefined,
    reason: string | null | undefined,
  ): Promise<FallbackDecisionRow[]> {
    let requirement: RequirementChange = { keep: true };
    if (requirePortable === true) {
      if (!reason?.trim()) throw badInput("reason", "say why the customer requires a file when requirePortable is true.");
      requirement = { set: { reason: text("reason", reason, TEXT_LIMITS.reason), requestedBy: actor } };
    } else if (requirePortable === false) {
      requirement = { clear: true };
    }
    const sources = await this.sources.load(organizationId, sourceIds);
    const decided = await this.decide(organizationId, sources, { requirement });
    return this.db.transaction(async (tx) => {
      const rows = await this.record(organizationId, decided, tx);
      await this.markUnsafe(tx, organizationId, actor, decided);
      return rows;
    });
  }

  /**
   * Moves the decided sources that have not gone out between NOT_EXPORTED and UNSAFE_BLOCKED, as their text is: said
   * where dashboards filter, nothing of an unsafe source may leave until its text is fixed or a file redacted. The
   * rows are read again under lock, and a text that changed since it was decided (a concurrent ingest) is scanned
   * again, so a stale answer never unblocks an unsafe source, nor blocks a fixed one.
   */
  private async markUnsafe(tx: Tx, organizationId: string, actor: string, decided: Decided[]) {
    const byId = new Map(decided.map((entry) => [entry.source.id, entry]));
    const current = await tx
      .select()
      .from(exportSources)
      .where(
        and(
          eq(exportSources.organizationId, organizationId),
          anyId(exportSources.id, [...byId.keys()]),
          inArray(exportSources.exportStatus, ["NOT_EXPORTED", "UNSAFE_BLOCKED"]),
        ),
      )
      .for("update");
    const unsafeNow = (row: ExportSourceRow) => {
      const { source, decision } = byId.get(row.id)!;
      return row.updatedAt.getTime() === source.updatedAt.getTime()
        ? decision.reason === "UNSAFE_PREVIEW_BLOCKED"
        : scanSource(row).length > 0;
    };
    const block = current.filter((row) => row.exportStatus === "NOT_EXPORTED" && unsafeNow(row)).map((row) => row.id);
    const unblock = current.filter((row) => row.exportStatus === "UNSAFE_BLOCKED" && !unsafeNow(row)).map((row) => row.id);
    if (block.length > 0) {
      await changeExportStatus(tx, organizationId, sourcesWithIds(block), { to: "UNSAFE_BLOCKED", cause: UNSAFE_CAUSE, actor });
    }
    if (unblock.length > 0) {
      await changeExportStatus(tx, organizationId, sourcesWithIds(unblock), { to: "NOT_EXPORTED", cause: SAFE_CAUSE, actor });
    }
  }

  /**
   * After a target changed state: decides again every source that has a decision, and records those whose answer
   * changed, so `fallbackDecision` follows the target (revoked, rate limited, failing, back).
   */
  async redecideAll(organizationId: string): Promise<void> {
    const latest = await this.db
      .selectDistinctOn([fallbackDecisions.exportSourceId], {
        source: exportSources,
        outcome: fallbackDecisions.outcome,
        reason: fallbackDecisions.reason,
        targetId: fallbackDecisions.providerTargetId,
      })
      .from(fallbackDecisions)
      .innerJoin(exportSources, eq(exportSources.id, fallbackDecisions.exportSourceId))
      .where(eq(fallbackDecisions.organizationId, organizationId))
      .orderBy(fallbackDecisions.exportSourceId, desc(fallbackDecisions.seq));
    if (latest.length === 0) return;
    const byId = new Map(latest.map((row) => [row.source.id, row]));
    const decided = await this.decide(
      organizationId,
      latest.map((row) => row.source),
      { requirement: { keep: true } },
    );
    const changed = decided.filter(({ source, decision }) => {
      const before = byId.get(source.id)!;
      return before.outcome !== decision.outcome || before.reason !== decision.reason || before.targetId !== decision.targetId;
    });
    await this.record(organizationId, changed);
  }
}
