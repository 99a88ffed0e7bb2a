import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { exportSources } from "../../db/schema.js";
import { anyId } from "../common/ids.js";
import { rowLoader } from "../common/loader.js";

/** Per-request loaders of sources, scoped to the caller's organization. */
export function exportSourceLoaders(db: Db, organizationId: string) {
  return {
    sourceById: rowLoader(
      (ids) =>
        db
          .select()
          .from(exportSources)
          .where(and(eq(exportSources.organizationId, organizationId), anyId(exportSources.id, ids))),
      (row) => row.id,
    ),
  };
}
