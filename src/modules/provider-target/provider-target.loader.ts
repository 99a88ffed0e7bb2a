import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { providerTargets } from "../../db/schema.js";
import { anyId } from "../common/ids.js";
import { rowLoader } from "../common/loader.js";

/** Per-request loaders of provider targets, scoped to the caller's organization. */
export function providerTargetLoaders(db: Db, organizationId: string) {
  return {
    providerTargetById: rowLoader(
      (ids) =>
        db
          .select()
          .from(providerTargets)
          .where(and(eq(providerTargets.organizationId, organizationId), anyId(providerTargets.id, ids))),
      (row) => row.id,
    ),
  };
}
