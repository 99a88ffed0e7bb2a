import { setImmediate as nextTurn } from "node:timers/promises";
import { and, inArray, lte } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database, Listener } from "../../db/client.js";
import { exportStatusEvents } from "../../db/schema.js";
import { STATUS_CHANNEL, type ExportStatusService, type LoadedEvent } from "./export-status.service.js";

/** A status event as handed to this instance's live streams. */
export interface RelayedEvent extends LoadedEvent {
  /** Cursor of the event handed over before this one for the same organization (null for the first): gap detection. */
  previous: string | null;
}

/** Takes each event of one organization, synchronously and in log order. Must not throw. */
export type Receiver = (event: RelayedEvent) => void;

/** Events read at once: bounds the memory of a read, since each event carries its source's row. */
const BATCH = 1_000;
/** Pause before reading the log again after a failed read. */
const RETRY_MS = 1_000;

/**
 * The live status events of this instance, read from the log once and handed to every live stream of their
 * organization by a plain call: a thousand dashboards on one report cost one read and a thousand calls per event (the
 * `npm run bench` P3 case).
 *
 * It LISTENs on one channel through a dedicated connection. A NOTIFY carries only the newest cursor; the feed then
 * reads every event after its own position, with its source, for the organizations someone here listens to. After a
 * (re)connection it does the same, so events whose NOTIFY was lost while the connection was down still arrive. On
 * PGlite the same runs in process.
 *
 * A stream that falls behind drops events from its own queue; it sees the gap through `previous` and reads the log
 * itself.
 */
export class StatusFeed {
  private readonly receivers = new Map<string, Set<Receiver>>();
  private readonly lastByOrganization = new Map<string, string>();
  private position = 0;
  private connection: Listener | null = null;
  private running: Promise<void> | null = null;
  private rerun = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly database: Database,
    private readonly events: ExportStatusService,
    private readonly logger: Logger,
  ) {}

  /** Starts handing over events committed from now on. */
  async start(): Promise<void> {
    this.position = await this.events.newestPosition();
    this.connection = await this.database.listen(
      STATUS_CHANNEL,
      () => void this.catchUp(),
      () => void this.catchUp(),
    );
  }

  async stop(): Promise<void> {
    await this.connection?.close();
    this.connection = null;
    if (this.retry) clearTimeout(this.retry);
    await this.running;
  }

  /**
   * Calls `receive` with every event of the organization read from now on, until the returned function is called.
   * The organization's events are read from the next catch-up on, however many streams join.
   */
  subscribe(organizationId: string, receive: Receiver): () => void {
    let joined = this.receivers.get(organizationId);
    if (!joined) this.receivers.set(organizationId, (joined = new Set()));
    joined.add(receive);
    const receivers = joined;
    return () => {
      receivers.delete(receive);
      if (receivers.size === 0 && this.receivers.get(organizationId) === receivers) this.receivers.delete(organizationId);
    };
  }

  /** Reads and hands over everything after the current position; concurrent calls coalesce into one more pass. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.rerun = false;
        try {
          await this.relayPending();
        } catch (error) {
          // The log keeps the events: read them again from the same position shortly, even if no NOTIFY comes.
          this.logger.warn({ err: { message: (error as Error).message.split("\n")[0] } }, "status feed could not read the log");
          this.retry ??= setTimeout(() => {
            this.retry = null;
            if (this.connection) void this.catchUp();
          }, RETRY_MS);
        }
      } while (this.rerun && this.connection);
      this.running = null;
    })();
    return this.running;
  }

  /**
   * Hands over the events up to the newest one now in the log, reading only those of organizations someone here
   * listens to: a bulk change nobody watches (a 100,000-source export) costs one look at the newest cursor, not its rows.
   */
  private async relayPending() {
    const newest = await this.events.newestPosition();
    // An organization nobody listens to loses its gap marker: its next subscriber reads the log or starts live.
    for (const organization of this.lastByOrganization.keys()) {
      if (!this.receivers.has(organization)) this.lastByOrganization.delete(organization);
    }
    while (this.position < newest) {
      const organizations = [...this.receivers.keys()];
      const batch = organizations.length
        ? await this.events.loadAfter(this.position, BATCH, and(inArray(exportStatusEvents.organizationId, organizations), lte(exportStatusEvents.id, newest)))
        : [];
      for (const event of batch) {
        const previous = this.lastByOrganization.get(event.organizationId) ?? null;
        this.lastByOrganization.set(event.organizationId, event.cursor);
        this.position = Number(event.cursor);
        const relayed: RelayedEvent = { ...event, previous };
        for (const receive of this.receivers.get(event.organizationId) ?? []) receive(relayed);
      }
      // A short batch was the last of the events up to `newest` that anyone here wants.
      if (batch.length < BATCH) this.position = newest;
      // PGlite reads resolve without leaving the microtask queue: a long catch-up would hold sockets and timers until
      // its last batch, and the streams could not send a batch on before the next one came.
      else await nextTurn();
    }
  }
}
