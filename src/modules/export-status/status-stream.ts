import { and, eq, type SQL } from "drizzle-orm";
import { exportStatusEvents } from "../../db/schema.js";
import type { ExportStatusService, LoadedEvent } from "./export-status.service.js";
import type { RelayedEvent, StatusFeed } from "./status-feed.js";

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
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The events a subscriber sees: first every logged event after `after`, in order, then live ones, with no gap and
 * no duplicate across the switch. The live feed is joined before the log is read, and anything the log already gave
 * is skipped by cursor. A subscriber that fell behind (a gap between `previous` and what it last saw) reads the
 * missing events from the log.
 *
 * An iterator rather than an async generator: a generator cannot be returned while it awaits the next live event, so
 * a client that left would keep its subscription until an event it wants came.
 */
export function statusStream(feed: StatusFeed, events: ExportStatusService, scope: StreamScope): AsyncIterableIterator<LoadedEvent> {
  return new StatusStream(feed, events, scope);
}

class StatusStream implements AsyncIterableIterator<LoadedEvent> {
  private readonly matching: SQL | undefined;
  private readonly leave: () => void;
  /** Cursor of the last event handed over or skipped; null before the first. */
  private last: number | null;
  /** Live events not looked at yet. Takes them as fast as the feed hands them over, dropping the oldest when full. */
  private readonly queued: RelayedEvent[] = [];
  /** Logged events read and not handed over yet. */
  private logged: LoadedEvent[] = [];
  /** The log must be read up to this cursor before the next live event; null when it need not. */
  private logUntil: number | null;
  /** The live event that showed a gap: handed over once the log filled the gap. */
  private afterGap: RelayedEvent | null = null;
  private wake: (() => void) | null = null;
  private stopped = false;
  /** next() calls run one after another, whoever calls them. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    feed: StatusFeed,
    private readonly events: ExportStatusService,
    private readonly scope: StreamScope,
  ) {
    this.matching = and(
      eq(exportStatusEvents.organizationId, scope.organizationId),
      scope.reportId ? eq(exportStatusEvents.reportId, scope.reportId) : undefined,
      scope.sourceId ? eq(exportStatusEvents.exportSourceId, scope.sourceId) : undefined,
    );
    this.last = scope.after;
    this.logUntil = scope.after === null ? null : Number.MAX_SAFE_INTEGER;
    this.leave = feed.subscribe(scope.organizationId, (event) => this.receive(event));
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<LoadedEvent>> {
    const step = this.turn.then(() => this.pull());
    this.turn = step.catch(() => {});
    return step;
  }

  async return(): Promise<IteratorResult<LoadedEvent>> {
    this.stop();
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<LoadedEvent>> {
    this.stop();
    throw error;
  }

  private receive(event: RelayedEvent) {
    if (this.queued.push(event) > MAX_QUEUED) {
      const dropped = this.queued.shift()!;
      // Nothing handed over yet: the subscription starts at the dropped event, which the log then gives.
      if (this.last === null) this.last = Number(dropped.cursor) - 1;
    }
    this.wake?.();
  }

  private stop() {
    if (this.stopped) return;
    this.stopped = true;
    this.leave();
    this.wake?.();
  }

  private async pull(): Promise<IteratorResult<LoadedEvent>> {
    try {
      while (!this.stopped) {
        const event = this.logged.shift() ?? (this.logUntil === null ? this.takeAfterGap() ?? this.takeLive() : undefined);
        if (event) {
          this.last = Number(event.cursor);
          if (this.wanted(event)) return { done: false, value: event };
        } else if (this.logUntil !== null) {
          await this.readLog(this.logUntil);
        } else {
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = null;
        }
      }
      return DONE;
    } catch (error) {
      // A stream that failed is over: it must not keep its place in the feed.
      this.stop();
      throw error;
    }
  }

  private takeAfterGap(): RelayedEvent | undefined {
    const event = this.afterGap ?? undefined;
    this.afterGap = null;
    return event;
  }

  /** The next live event to hand over, skipping what the log already gave; schedules a log read on a gap. */
  private takeLive(): RelayedEvent | undefined {
    for (let event = this.queued.shift(); event; event = this.queued.shift()) {
      const cursor = Number(event.cursor);
      if (this.last !== null && cursor <= this.last) continue;
      if (this.last !== null && event.previous !== null && Number(event.previous) > this.last) {
        this.afterGap = event;
        this.logUntil = cursor - 1;
        return undefined;
      }
      return event;
    }
    return undefined;
  }

  private async readLog(until: number) {
    const batch = await this.events.loadAfter(this.last ?? 0, REPLAY_BATCH, this.matching);
    this.logged = batch.filter((event) => Number(event.cursor) <= until);
    if (batch.length < REPLAY_BATCH || this.logged.length < batch.length) this.logUntil = null;
  }

  private wanted(event: LoadedEvent) {
    return (!this.scope.reportId || event.reportId === this.scope.reportId) && (!this.scope.sourceId || event.exportSourceId === this.scope.sourceId);
  }
}
