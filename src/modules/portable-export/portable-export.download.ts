import { and, eq, sql } from "drizzle-orm";
import type { Principal } from "../../auth/tokens.js";
import type { Db } from "../../db/client.js";
import { portableExportItems, portableExports, type PortableExportRow } from "../../db/schema.js";
import { DomainError, ErrorCode, notFound } from "../../errors.js";
import { idIs } from "../common/ids.js";
import { changeExportStatus, sourcesWithIds } from "../export-status/export-status.service.js";

/** An export whose file is written: what a download sends. */
export type ReadyExport = PortableExportRow & { readyAt: Date; sha256: string; byteSize: number };

/** Downloads of portable files: which file a download may send, and what a completed download records. */
export class PortableExportDownloads {
  constructor(private readonly db: Db) {}

  /**
   * The organization's export with this id, ready to send: NOT_FOUND for an id that is not the organization's
   * (another organization's looks the same as one that does not exist), EXPORT_NOT_READY while it is being written.
   */
  async open(organizationId: string, id: string): Promise<ReadyExport> {
    const [file] = await this.db
      .select()
      .from(portableExports)
      .where(and(eq(portableExports.organizationId, organizationId), idIs(portableExports.id, id)));
    if (!file) throw notFound("portable export", id);
    if (!file.readyAt || file.sha256 === null || file.byteSize === null) {
      throw new DomainError(ErrorCode.EXPORT_NOT_READY, "The file is still being written; retry in a moment.", {
        missing: ["file"],
        exportId: file.id,
      });
    }
    return file as ReadyExport;
  }

  /** Counts a completed download and moves the file's sources from PORTABLE_READY to PORTABLE_DOWNLOADED. */
  async record(principal: Principal, file: PortableExportRow) {
    // The ids as one array: the planner has no statistics yet for a file just written, and a join or EXISTS over
    // the items can turn quadratic; primary-key look-ups cannot.
    const items = await this.db
      .select({ id: portableExportItems.exportSourceId })
      .from(portableExportItems)
      .where(eq(portableExportItems.portableExportId, file.id));
    await this.db.transaction(async (tx) => {
      await tx
        .update(portableExports)
        .set({ downloadCount: sql`${portableExports.downloadCount} + 1` })
        .where(eq(portableExports.id, file.id));
      await changeExportStatus(tx, file.organizationId, sourcesWithIds(items.map((item) => item.id)), {
        to: "PORTABLE_DOWNLOADED",
        cause: `download:${file.id}`,
        actor: principal.actor,
      });
    });
  }
}
