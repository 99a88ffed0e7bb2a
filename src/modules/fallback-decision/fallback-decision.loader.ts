import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { fallbackDecisions } from "../../db/schema.js";
import type { TargetSnapshot } from "../../domain/fallback-decision.js";
import { anyId } from "../common/ids.js";
import { rowLoader } from "../common/loader.js";
import { targetSnapshots } from "./fallback-decision.service.js";

/** Per-request loaders of decisions: the latest decision of each source, and the targets a fresh one weighs. */
export function fallbackDecisionLoaders(db: Db, organizationId: string) {
  let targets: Promise<TargetSnapshot[]> | null = null;
  return {
    /** The organization's targets, read once per request however many sources ask. */
    targetSnapshots: () => (targets ??= targetSnapshots(db, organizationId)),
    latestDecisionBySource: rowLoader(
      (sourceIds) =>
        db
          .selectDistinctOn([fallbackDecisions.exportSourceId])
          .from(fallbackDecisions)
          .where(
            and(
              eq(fallbackDecisions.organizationId, organizationId),
              anyId(fallbackDecisions.exportSourceId, sourceIds),
            ),
          )
          .orderBy(fallbackDecisions.exportSourceId, desc(fallbackDecisions.seq)),
      (row) => row.exportSourceId,
    ),
  };
}
