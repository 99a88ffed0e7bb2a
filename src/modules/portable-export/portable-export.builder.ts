import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { portableExportItems, portableExports, type PortableExportRow } from "../../db/schema.js";
import { createRenderer } from "../../domain/render/index.js";
import { chunks } from "../common/batch.js";
import { changeExportStatus, sourcesWithIds } from "../export-status/export-status.service.js";
import type { FallbackDecisionService } from "../fallback-decision/fallback-decision.service.js";
import { planItem, planMeta, type ExportPlan } from "./portable-export.planner.js";

/** Writes the file of an export row: the one step that turns a created export into a ready, downloadable one. */
export class PortableExportBuilder {
  constructor(
    private readonly db: Db,
    private readonly decisions: FallbackDecisionService,
  ) {}

  /**
   * Renders the plan's sources into the row's items in batches, counting the file's bytes and sha256 as they are
   * written; then in one transaction makes the export ready, records the plan's decisions and moves its sources to
   * PORTABLE_READY. The row is one just inserted for this plan (not ready, no items); on failure what becomes of it
   * is the caller's decision.
   * @returns the row as ready.
   */
  async build(row: PortableExportRow, plan: ExportPlan): Promise<PortableExportRow> {
    const renderer = createRenderer(plan.choice.format, plan.choice.dialect);
    const meta = planMeta(plan, row.id, row.createdAt);
    const hash = createHash("sha256");
    let byteSize = 0;
    const take = (text: string) => {
      hash.update(text, "utf8");
      byteSize += Buffer.byteLength(text, "utf8");
      return text;
    };
    const fileHead = take(renderer.begin(meta));
    let position = 0;
    for (const batch of chunks(plan.sources)) {
      const values = batch.map((source) => {
        const item = planItem(plan, source, row.redacted);
        const index = position++;
        return {
          portableExportId: row.id,
          position: index,
          organizationId: row.organizationId,
          exportSourceId: source.id,
          duplicateKeyId: source.duplicateKeyId,
          exportStatus: item.exportStatus,
          rendered: take(renderer.item(item, index)),
        };
      });
      await this.db.insert(portableExportItems).values(values);
      // Rendering is CPU work: let other requests run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const fileTail = take(renderer.end(meta));
    return this.db.transaction(async (tx) => {
      const [ready] = await tx
        .update(portableExports)
        .set({ fileHead, fileTail, byteSize, sha256: hash.digest("hex"), readyAt: sql`now()` })
        .where(eq(portableExports.id, row.id))
        .returning();
      await this.decisions.record(row.organizationId, plan.decided, tx);
      await changeExportStatus(tx, row.organizationId, sourcesWithIds(plan.sources.map((source) => source.id)), {
        to: "PORTABLE_READY",
        cause: `portable-export:${row.id}`,
        actor: row.createdBy,
      });
      return ready;
    });
  }
}
