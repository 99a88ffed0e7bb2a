import { and, count, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { exportSources, reports } from "../../db/schema.js";
import { anyId } from "../common/ids.js";
import { groupLoader, rowLoader } from "../common/loader.js";

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
    /** How many sources of each report are in each export status: one grouped count for every report asked. */
    statusCountsByReport: groupLoader(
      (ids) =>
        db
          .select({ reportId: exportSources.reportId, status: exportSources.exportStatus, count: count() })
          .from(exportSources)
          .where(and(eq(exportSources.organizationId, organizationId), anyId(exportSources.reportId, ids)))
          .groupBy(exportSources.reportId, exportSources.exportStatus),
      (row) => row.reportId,
    ),
  };
}
