import { createClient, type Client } from "graphql-ws";
import { StatusChangedDocument, type TimelineEventFragment } from "../gql/graphql";

/** Where the feed stands, for the line above the timeline. */
export type LiveState =
  | { kind: "connecting" }
  | { kind: "live"; since: Date; reconnectedAfter: Date | null }
  | { kind: "lost"; since: Date; attempt: number; retryAt: Date }
  | { kind: "failed"; message: string };

export interface LiveFeedOptions {
  token: string;
  reportId: string;
  /** The cursor of the newest event already shown ("0" when none): the feed starts after it. */
  after: string;
  /** Each new event once, in log order; `missed` when it happened while the connection was lost. */
  onEvent(event: TimelineEventFragment, missed: boolean): void;
  onState(state: LiveState): void;
  /** The token was revoked or is no longer valid (close code 4403). */
  onUnauthenticated(): void;
}

/** Reconnect backoff: 0.5 s doubling to at most 5 s, with jitter so that many tabs don't come back at once. */
const retryDelay = (attempt: number) => Math.min(5_000, 500 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

const FORBIDDEN = 4403;

/**
 * Follows a report's status events over graphql-ws. Each connection subscribes with `after` set to the newest cursor
 * it has seen, so after a lost connection (a restarted server, a network change) the service replays what was missed
 * before the live events. Reconnects on its own; stops on a revoked token or when the subscription is refused.
 * @returns stop, which closes the connection for good.
 */
export function followStatusEvents(options: LiveFeedOptions): () => void {
  let cursor = options.after;
  let attempt = 0;
  let lostAt: Date | null = null;
  let reconnectedAt: Date | null = null;
  let client: Client | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;

  const lose = () => {
    if (stopped) return;
    client?.dispose();
    client = null;
    lostAt ??= new Date();
    const delay = retryDelay(attempt);
    attempt += 1;
    options.onState({ kind: "lost", since: lostAt, attempt, retryAt: new Date(Date.now() + delay) });
    timer = setTimeout(connect, delay);
  };

  const connect = () => {
    clearTimeout(timer);
    if (stopped) return;
    if (!lostAt) options.onState({ kind: "connecting" });
    const current = createClient({
      url,
      connectionParams: { authorization: `Bearer ${options.token}` },
      retryAttempts: 0,
      keepAlive: 15_000,
      on: {
        connected: () => {
          if (client !== current) return;
          reconnectedAt = lostAt ? new Date() : null;
          attempt = 0;
          options.onState({ kind: "live", since: new Date(), reconnectedAfter: lostAt });
          lostAt = null;
        },
      },
    });
    client = current;
    current.subscribe<{ exportStatusChanged: TimelineEventFragment }>(
      { query: StatusChangedDocument.toString(), variables: { reportId: options.reportId, after: cursor } },
      {
        next: ({ data }) => {
          const event = data?.exportStatusChanged;
          // A replay may overlap what a previous connection delivered: cursors only grow.
          if (!event || Number(event.cursor) <= Number(cursor)) return;
          cursor = event.cursor;
          // Missed: logged before this connection came back. The service's clock against the page's: a skew of a
          // few seconds can only mislabel an event right at the reconnection, and the label is all it changes.
          options.onEvent(event, reconnectedAt !== null && new Date(event.at) <= reconnectedAt);
        },
        error: (error) => {
          if (client !== current) return;
          if (Array.isArray(error)) {
            stopped = true;
            options.onState({ kind: "failed", message: String(error[0]?.message ?? "The subscription was refused.") });
          } else if ((error as CloseEvent)?.code === FORBIDDEN) {
            stopped = true;
            options.onUnauthenticated();
          } else {
            lose();
          }
        },
        // The service completes a subscription only when it shuts down.
        complete: () => {
          if (client === current) lose();
        },
      },
    );
  };

  const online = () => {
    if (client === null && !stopped) connect();
  };
  window.addEventListener("online", online);
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener("online", online);
    client?.dispose();
    client = null;
  };
}
