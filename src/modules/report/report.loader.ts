import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { reports } from "../../db/schema.js";
import { anyId } from "../common/ids.js";
import { rowLoader } from "../common/loader.js";

/** Per-request loaders of reports, scoped to the caller's organization. */
export function reportLoaders(db: Db, organizationId: string) {
  return {
    reportById: rowLoader(
      (ids) =>
        db
          .select()
          .from(reports)
          .where(and(eq(reports.organizationId, organizationId), anyId(reports.id, ids))),
      (row) => row.id,
    ),
  };
}
