import { and, inArray, lte } from "drizzle-orm";
import type { Logger } from "pino";
import { exportStatusEvents } from "../../db/schema.js";
import type { Database, Listener } from "../../db/client.js";
import { STATUS_CHANNEL, type ExportStatusService, type LoadedEvent } from "./export-status.service.js";

/** The PubSub routing key of status events; the topic id is the organization id. */
export const STATUS_TOPIC = "EXPORT_STATUS";
/** Events loaded and handed over at once: below the 1,024 a subscriber's pubsub queue holds (see status-stream). */
const BATCH = 1_000;

type EventListener = ((event: Event) => void) | { handleEvent(event: Event): void };

/** A status event as delivered to this instance's subscribers. */
export interface RelayedEvent extends LoadedEvent {
  /** Cursor of the event relayed before this one for the same organization (null for the first): gap detection. */
  previous: string | null;
}

/** Pause before reading the log again after a failed read. */
const RETRY_MS = 1_000;

/**
 * The PostgreSQL event target behind the subscription PubSub. It LISTENs on one channel through a dedicated
 * connection; a NOTIFY carries only the newest cursor, and the target loads every event after its own position
 * once, with its source, and dispatches each to this instance's subscribers. After a (re)connection it does the
 * same, so events whose NOTIFY was lost while the connection was down still arrive. On PGlite the same runs in
 * process.
 *
 * Listeners are called one by one and a throwing listener cannot stop the others. A subscriber that falls behind
 * drops events from its own queue; it sees the gap through `previous` and reads the log itself.
 */
export class StatusEventTarget {
  private readonly listeners = new Map<string, Set<EventListener>>();
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

  /** Starts relaying events committed from now on. */
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

  /** Loads and dispatches everything after the current position; concurrent calls coalesce into one more pass. */
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
          this.logger.warn({ err: { message: (error as Error).message.split("\n")[0] } }, "status relay could not read the log");
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

  /** The organizations someone on this instance listens to. */
  private listened(): string[] {
    return [...this.listeners.keys()].map((type) => type.slice(STATUS_TOPIC.length + 1));
  }

  /**
   * Relays the events up to the newest one now in the log, reading only those of organizations someone here listens
   * to: a bulk change nobody watches (a 100,000-source export) costs one look at the newest cursor, not its rows.
   */
  private async relayPending() {
    const newest = await this.events.newestPosition();
    // An organization nobody listens to loses its gap marker: its next subscriber reads the log or starts live.
    const listened = this.listened();
    for (const organization of this.lastByOrganization.keys()) {
      if (!listened.includes(organization)) this.lastByOrganization.delete(organization);
    }
    while (this.position < newest) {
      const organizations = this.listened();
      const batch = organizations.length
        ? await this.events.loadAfter(this.position, BATCH, and(inArray(exportStatusEvents.organizationId, organizations), lte(exportStatusEvents.id, newest)))
        : [];
      for (const event of batch) {
        const previous = this.lastByOrganization.get(event.organizationId) ?? null;
        this.lastByOrganization.set(event.organizationId, event.cursor);
        this.position = Number(event.cursor);
        const relayed: RelayedEvent = { ...event, previous };
        this.dispatchEvent(new CustomEvent(`${STATUS_TOPIC}:${event.organizationId}`, { detail: relayed }));
      }
      // A short batch was the last of the events up to `newest` that anyone here wants.
      if (batch.length < BATCH) this.position = newest;
      // Lets every subscriber move this batch out of its pubsub queue before another comes: a PGlite read can resolve
      // before they had their turn, and a full queue refuses events.
      if (batch.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  addEventListener(type: string, listener: EventListener | null): void {
    if (!listener) return;
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: EventListener | null): void {
    if (!listener) return;
    const set = this.listeners.get(type);
    set?.delete(listener);
    if (set?.size === 0) this.listeners.delete(type);
  }

  dispatchEvent(event: Event): boolean {
    for (const listener of [...(this.listeners.get(event.type) ?? [])]) {
      try {
        if (typeof listener === "function") listener(event);
        else listener.handleEvent(event);
      } catch (error) {
        this.logger.debug({ err: { message: (error as Error).message } }, "a status subscriber fell behind");
      }
    }
    return true;
  }
}
