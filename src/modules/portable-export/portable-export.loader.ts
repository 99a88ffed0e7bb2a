import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { portableExportItems, portableExports } from "../../db/schema.js";
import { groupLoader, rowLoader } from "../common/loader.js";

/** Per-request loaders of portable exports, scoped to the caller's organization. */
export function portableExportLoaders(db: Db, organizationId: string) {
  const exportsCarrying = (column: typeof portableExportItems.exportSourceId | typeof portableExportItems.duplicateKeyId) =>
    groupLoader(
      (ids) =>
        db
          .selectDistinct({ key: column, export: portableExports })
          .from(portableExportItems)
          .innerJoin(portableExports, eq(portableExports.id, portableExportItems.portableExportId))
          .where(and(eq(portableExportItems.organizationId, organizationId), inArray(column, ids)))
          .orderBy(desc(portableExports.createdAt), portableExports.id),
      (row) => row.key,
    );
  return {
    portableExportById: rowLoader(
      (ids) =>
        db
          .select()
          .from(portableExports)
          .where(and(eq(portableExports.organizationId, organizationId), inArray(portableExports.id, ids))),
      (row) => row.id,
    ),
    portableExportsBySource: exportsCarrying(portableExportItems.exportSourceId),
    portableExportsByDuplicateKey: exportsCarrying(portableExportItems.duplicateKeyId),
  };
}
