import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { fallbackDecisions } from "../../db/schema.js";
import { anyId } from "../common/ids.js";
import { rowLoader } from "../common/loader.js";

/** Per-request loaders of decisions: the latest decision of each source. */
export function fallbackDecisionLoaders(db: Db, organizationId: string) {
  return {
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
