import { and, asc, desc, eq, getTableColumns, gt, inArray, sql, type SQL } from "drizzle-orm";
import { executeRows, type Db, type Executor, type Tx } from "../../db/client.js";
import { exportSources, exportStatusEvents, type ExportSourceRow, type ExportStatusEventRow } from "../../db/schema.js";
import { predecessorsOf } from "../../domain/export-status.js";
import type { ExportStatus } from "../../domain/vocabulary.js";
import { badInput } from "../../errors.js";
import { anyId, idIs } from "../common/ids.js";
import type { ExportStatusEvent } from "./export-status.type.js";

/** The NOTIFY channel: one per database, carrying only the newest cursor. */
export const STATUS_CHANNEL = "export_status";
/** Serialises event inserts until commit, so that cursors become visible in the order they were given. */
const EVENT_ORDER_LOCK = 724_517_002;

export interface StatusChange {
  to: ExportStatus;
  /** What moved the sources, e.g. `portable-export:<id>`; shown to subscribers. */
  cause: string;
  actor: string;
}

/** An event as subscribers and dashboards see it, with its source as loaded with the event. */
export type LoadedEvent = ExportStatusEvent & { source: ExportSourceRow };

export function toEvent(row: ExportStatusEventRow): ExportStatusEvent {
  return {
    cursor: String(row.id),
    from: row.fromStatus,
    to: row.toStatus,
    cause: row.cause,
    at: row.at,
    exportSourceId: row.exportSourceId,
    reportId: row.reportId,
    organizationId: row.organizationId,
  };
}

/** The log position behind a cursor; BAD_USER_INPUT naming `field` for anything else. */
export function parseEventCursor(cursor: string, field = "after"): number {
  if (!/^\d{1,15}$/.test(cursor)) {
    throw badInput(field, `"${cursor.slice(0, 40)}" is not an event cursor; pass the cursor of an event you received.`);
  }
  return Number(cursor);
}

/** Sources with these ids, as one array parameter whatever their number (an IN list would need one each). */
export function sourcesWithIds(ids: readonly string[]): SQL {
  return anyId(exportSources.id, ids);
}

/**
 * The one place that changes export status. In the caller's transaction it moves every source matched by `which`
 * (within the organization) that may move to `change.to`, appends one event per moved source, and queues one NOTIFY
 * that PostgreSQL delivers on commit: no change without its event, no event without its change. One statement,
 * whatever the number of sources.
 * @returns how many sources moved, and the cursor of the newest event (null when none moved).
 */
export async function changeExportStatus(
  tx: Tx,
  organizationId: string,
  which: SQL,
  change: StatusChange,
): Promise<{ moved: number; cursor: string | null }> {
  const from = predecessorsOf(change.to);
  if (from.length === 0) return { moved: 0, cursor: null };
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`);
  const [result] = await executeRows<{ moved: number | string; newest: number | string | null }>(
    tx,
    sql`with moved as (
          update ${exportSources} set export_status = ${change.to}, updated_at = now()
          where ${and(eq(exportSources.organizationId, organizationId), which, inArray(exportSources.exportStatus, [...from]))}
          returning ${exportSources.id} as id, ${exportSources.reportId} as report_id,
            (select s.export_status from export_sources s where s.id = ${exportSources.id}) as from_status
        ), logged as (
          insert into ${exportStatusEvents} (organization_id, report_id, export_source_id, from_status, to_status, cause, actor)
          select ${organizationId}, report_id, id, from_status, ${change.to}, ${change.cause}, ${change.actor}
          from moved order by id
          returning id
        )
        select count(*) as moved, max(id) as newest from logged`,
  );
  if (!result?.newest) return { moved: 0, cursor: null };
  const cursor = String(result.newest);
  await tx.execute(sql`select pg_notify(${STATUS_CHANNEL}, ${cursor})`);
  return { moved: Number(result.moved), cursor };
}

export class ExportStatusService {
  constructor(private readonly db: Db) {}

  /**
   * Events of a report after a cursor, oldest first, for dashboards that poll: the oldest `limit` of them, or with
   * `newest` the newest `limit` (what a live view shows before it subscribes from the last one's cursor).
   */
  async list(organizationId: string, reportId: string, after: string | null | undefined, limit: number, newest = false) {
    // Only an absent cursor means "from the start": "" is refused, as the subscription refuses it.
    const position = after == null ? 0 : parseEventCursor(after);
    const rows = await this.db
      .select()
      .from(exportStatusEvents)
      .where(
        and(
          eq(exportStatusEvents.organizationId, organizationId),
          idIs(exportStatusEvents.reportId, reportId),
          gt(exportStatusEvents.id, position),
        ),
      )
      .orderBy(newest ? desc(exportStatusEvents.id) : asc(exportStatusEvents.id))
      .limit(limit);
    if (newest) rows.reverse();
    return rows.map(toEvent);
  }

  /** Every event after `position` with its source, in log order, at most `limit`: one statement per batch. */
  async loadAfter(position: number, limit: number, where?: SQL, executor: Executor = this.db): Promise<LoadedEvent[]> {
    const rows = await executor
      .select({ event: exportStatusEvents, source: getTableColumns(exportSources) })
      .from(exportStatusEvents)
      .innerJoin(exportSources, eq(exportSources.id, exportStatusEvents.exportSourceId))
      .where(and(gt(exportStatusEvents.id, position), where))
      .orderBy(asc(exportStatusEvents.id))
      .limit(limit);
    return rows.map((row) => ({ ...toEvent(row.event), source: row.source as ExportSourceRow }));
  }

  /** The newest cursor in the log, 0 when empty. */
  async newestPosition(): Promise<number> {
    const [row] = await this.db.select({ max: sql<string | null>`max(${exportStatusEvents.id})` }).from(exportStatusEvents);
    return Number(row?.max ?? 0);
  }
}
