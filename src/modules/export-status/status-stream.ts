import { Repeater, type PubSub } from "@graphql-yoga/subscription";
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
/** Live events kept for a subscriber that reads slower than they come; past it the oldest go, and the log refills them. */
const MAX_QUEUED = 1_000;

/**
 * The events a subscriber sees: first every logged event after `after`, in order, then live ones, with no gap and
 * no duplicate across the switch. The live subscription is opened before the log is read, and anything the log
 * already gave is skipped by cursor. A subscriber that fell behind (a gap between `previous` and what it last saw)
 * reads the missing events from the log.
 *
 * A Repeater rather than an async generator: a generator cannot be returned while it awaits the next live event, so a
 * client that left would keep its subscription until an event it wants came.
 */
export function statusStream(pubSub: StatusPubSub, events: ExportStatusService, scope: StreamScope): AsyncIterableIterator<LoadedEvent> {
  const matching: SQL | undefined = and(
    eq(exportStatusEvents.organizationId, scope.organizationId),
    scope.reportId ? eq(exportStatusEvents.reportId, scope.reportId) : undefined,
    scope.sourceId ? eq(exportStatusEvents.exportSourceId, scope.sourceId) : undefined,
  );
  const wanted = (event: LoadedEvent) =>
    (!scope.reportId || event.reportId === scope.reportId) && (!scope.sourceId || event.exportSourceId === scope.sourceId);

  return new Repeater<LoadedEvent>(async (push, stop) => {
    const live = pubSub.subscribe(STATUS_TOPIC, scope.organizationId);
    let last = scope.after;
    let stopped = false;
    let wake = () => {};
    // Takes live events as fast as the relay hands them over: the pubsub's own queue, once full, refuses the newest,
    // and the refused tail of a burst would show as a gap to no one. This queue drops the oldest instead, and the
    // next event it keeps shows the gap through `previous`.
    const queued: RelayedEvent[] = [];
    const draining = (async () => {
      for await (const event of live) {
        if (queued.push(event) > MAX_QUEUED) {
          const dropped = queued.shift()!;
          // Nothing handed over yet: the subscription starts at the dropped event, which the log then gives.
          if (last === null) last = Number(dropped.cursor) - 1;
        }
        wake();
      }
    })();
    void stop.then(() => {
      stopped = true;
      wake();
      return live.return();
    });

    const fromLog = async (until: number) => {
      for (;;) {
        const batch = await events.loadAfter(last ?? 0, REPLAY_BATCH, matching);
        for (const event of batch) {
          if (stopped || Number(event.cursor) > until) return;
          last = Number(event.cursor);
          await push(event);
        }
        if (batch.length < REPLAY_BATCH) return;
      }
    };

    if (last !== null) await fromLog(Number.MAX_SAFE_INTEGER);
    while (!stopped) {
      const event = queued.shift();
      if (!event) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const cursor = Number(event.cursor);
      if (last !== null && cursor <= last) continue;
      if (last !== null && event.previous !== null && Number(event.previous) > last) await fromLog(cursor - 1);
      if (stopped) break;
      last = cursor;
      if (wanted(event)) await push(event);
    }
    await draining;
  });
}
