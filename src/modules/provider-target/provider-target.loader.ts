import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { providerTargets } from "../../db/schema.js";
import { rowLoader } from "../common/loader.js";

/** Per-request loaders of provider targets, scoped to the caller's organization. */
export function providerTargetLoaders(db: Db, organizationId: string) {
  return {
    providerTargetById: rowLoader(
      (ids) =>
        db
          .select()
          .from(providerTargets)
          .where(and(eq(providerTargets.organizationId, organizationId), inArray(providerTargets.id, ids))),
      (row) => row.id,
    ),
  };
}
