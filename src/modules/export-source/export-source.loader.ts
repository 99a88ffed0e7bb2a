import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { exportSources } from "../../db/schema.js";
import { rowLoader } from "../common/loader.js";

/** Per-request loaders of sources, scoped to the caller's organization. */
export function exportSourceLoaders(db: Db, organizationId: string) {
  return {
    sourceById: rowLoader(
      (ids) =>
        db
          .select()
          .from(exportSources)
          .where(and(eq(exportSources.organizationId, organizationId), inArray(exportSources.id, ids))),
      (row) => row.id,
    ),
  };
}
