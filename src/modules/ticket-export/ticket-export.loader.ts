import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { ticketExports } from "../../db/schema.js";
import { anyId } from "../common/ids.js";
import { groupLoader } from "../common/loader.js";

/** Per-request loaders of delivery attempts, oldest first per source. */
export function ticketExportLoaders(db: Db, organizationId: string) {
  return {
    ticketExportsBySource: groupLoader(
      (sourceIds) =>
        db
          .select()
          .from(ticketExports)
          .where(and(eq(ticketExports.organizationId, organizationId), anyId(ticketExports.exportSourceId, sourceIds)))
          .orderBy(asc(ticketExports.seq)),
      (row) => row.exportSourceId,
    ),
  };
}
