import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { portableExportItems, portableExports, portableExportSummary } from "../../db/schema.js";
import { anyId } from "../common/ids.js";
import { groupLoader, rowLoader } from "../common/loader.js";

/** Per-request loaders of portable exports, scoped to the caller's organization; unfinished files are not shown. */
export function portableExportLoaders(db: Db, organizationId: string) {
  const exportsCarrying = (column: typeof portableExportItems.exportSourceId | typeof portableExportItems.duplicateKeyId) =>
    groupLoader(
      (ids) =>
        db
          // One row per file with the ids it carries: a file shared by a page of sources is read once, not per source.
          .select({ keys: sql<string[]>`array_agg(${column})`, export: portableExportSummary })
          .from(portableExportItems)
          .innerJoin(portableExports, eq(portableExports.id, portableExportItems.portableExportId))
          .where(and(eq(portableExportItems.organizationId, organizationId), anyId(column, ids), isNotNull(portableExports.readyAt)))
          .groupBy(portableExports.id)
          .orderBy(desc(portableExports.createdAt), portableExports.id),
      (row) => row.keys,
    );
  return {
    portableExportById: rowLoader(
      (ids) =>
        db
          .select(portableExportSummary)
          .from(portableExports)
          .where(and(eq(portableExports.organizationId, organizationId), anyId(portableExports.id, ids), isNotNull(portableExports.readyAt))),
      (row) => row.id,
    ),
    itemsByExport: groupLoader(
      (ids) =>
        db
          .select({
            portableExportId: portableExportItems.portableExportId,
            exportSourceId: portableExportItems.exportSourceId,
            duplicateKeyId: portableExportItems.duplicateKeyId,
            exportStatus: portableExportItems.exportStatus,
          })
          .from(portableExportItems)
          .where(and(eq(portableExportItems.organizationId, organizationId), anyId(portableExportItems.portableExportId, ids)))
          .orderBy(asc(portableExportItems.portableExportId), asc(portableExportItems.position)),
      (row) => row.portableExportId,
    ),
    portableExportsBySource: exportsCarrying(portableExportItems.exportSourceId),
    portableExportsByDuplicateKey: exportsCarrying(portableExportItems.duplicateKeyId),
  };
}
