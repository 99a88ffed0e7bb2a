import type { PubSub } from "@graphql-yoga/subscription";
import { and, eq, type SQL } from "drizzle-orm";
import { exportStatusEvents } from "../../db/schema.js";
import type { ExportStatusService, LoadedEvent } from "./export-status.service.js";
import { STATUS_TOPIC, type RelayedEvent } from "./status-event-target.js";

export type StatusPubSub = PubSub<{ [STATUS_TOPIC]: [string, RelayedEvent] }>;

export interface StreamScope {
  organizationId: string;
  reportId: string | null;
  sourceId: string | null;
  /** Log position to replay from; null for live events only. */
  after: number | null;
}

const REPLAY_BATCH = 500;

/**
 * The events a subscriber sees: first every logged event after `after`, in order, then live ones, with no gap and
 * no duplicate across the switch. The live subscription is opened before the log is read, and anything the log
 * already gave is skipped by cursor. A subscriber that fell behind (a gap between `previous` and what it last saw)
 * reads the missing events from the log.
 */
export async function* statusStream(pubSub: StatusPubSub, events: ExportStatusService, scope: StreamScope) {
  const matching: SQL | undefined = and(
    eq(exportStatusEvents.organizationId, scope.organizationId),
    scope.reportId ? eq(exportStatusEvents.reportId, scope.reportId) : undefined,
    scope.sourceId ? eq(exportStatusEvents.exportSourceId, scope.sourceId) : undefined,
  );
  const wanted = (event: LoadedEvent) =>
    (!scope.reportId || event.reportId === scope.reportId) && (!scope.sourceId || event.exportSourceId === scope.sourceId);

  const live = pubSub.subscribe(STATUS_TOPIC, scope.organizationId);
  // The first pull starts the subscription, so events relayed while the log is read are kept.
  let pending = live.next();
  let last = scope.after;
  async function* fromLog(until: number) {
    for (;;) {
      const batch = await events.loadAfter(last ?? 0, REPLAY_BATCH, matching);
      for (const event of batch) {
        if (Number(event.cursor) > until) return;
        last = Number(event.cursor);
        yield event;
      }
      if (batch.length < REPLAY_BATCH) return;
    }
  }
  try {
    if (last !== null) yield* fromLog(Number.MAX_SAFE_INTEGER);
    for (;;) {
      const { value: event, done } = await pending;
      if (done) return;
      pending = live.next();
      const cursor = Number(event.cursor);
      if (last !== null && cursor <= last) continue;
      if (last !== null && event.previous !== null && Number(event.previous) > last) yield* fromLog(cursor - 1);
      if (wanted(event)) yield event;
      last = cursor;
    }
  } finally {
    await live.return();
  }
}
