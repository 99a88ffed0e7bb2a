import { createClient, type Client, type ClientOptions } from "graphql-ws";
import WebSocket from "ws";

/** How long a test waits for something that should happen; past it, the wait fails with what it saw. */
export const WAIT_MS = 10_000;

export interface WsError {
  message: string;
  extensions?: Record<string, any>;
}

/**
 * A real graphql-ws client on the service's `/graphql` URL, authenticated through `connectionParams` as browsers do.
 * It does not retry: a refused or dropped connection surfaces to the subscriptions, where tests can see it.
 */
export function wsClient(httpUrl: string, token: string | null, options: Partial<ClientOptions> = {}): Client {
  return createClient({
    url: `${httpUrl.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    ...options,
  });
}

/** What one subscription received, in arrival order, with bounded waits on it. */
export interface Feed<T> {
  /** The subscribed field of every `next` payload that carried data. */
  readonly received: T[];
  /** GraphQL errors, whether sent in a `next` payload or as an `error` message. */
  readonly errors: WsError[];
  /** The close code when the socket was closed under the subscription (e.g. 4403). */
  readonly closeCode: number | null;
  /** True once the server completed the subscription or it failed. */
  readonly ended: boolean;
  /** Resolves with the first `count` events once that many arrived; rejects after `ms` saying what did arrive. */
  take(count: number, ms?: number): Promise<T[]>;
  /** Resolves once the subscription ended (completed, errored or closed); rejects after `ms`. */
  end(ms?: number): Promise<void>;
  /** Stops the subscription (the socket stays open for the client's other subscriptions). */
  stop(): void;
}

/** Subscribes `client` to `query` and records what arrives for the top-level `field`. */
export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown>, field: string): Feed<T> {
  const received: T[] = [];
  const errors: WsError[] = [];
  let closeCode: number | null = null;
  let ended = false;
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((check) => check());

  const until = (done: () => boolean, describe: () => string, ms: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out after ${ms} ms waiting for ${describe()}`));
      }, ms);
      waiters.add(check);
      check();
    });

  const unsubscribe = client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next(result) {
        if (result.errors?.length) errors.push(...(result.errors as unknown as WsError[]));
        const value = result.data?.[field];
        if (value !== undefined && value !== null) received.push(value);
        changed();
      },
      error(error) {
        if (Array.isArray(error)) errors.push(...(error as WsError[]));
        else if (error && typeof (error as { code?: unknown }).code === "number") closeCode = (error as { code: number }).code;
        else errors.push({ message: String((error as Error)?.message ?? error) });
        ended = true;
        changed();
      },
      complete() {
        ended = true;
        changed();
      },
    },
  );

  const seen = () =>
    `; received ${received.length} (last: ${JSON.stringify(received.slice(-2))}), errors ${JSON.stringify(errors)}, close code ${closeCode}`;
  return {
    received,
    errors,
    get closeCode() {
      return closeCode;
    },
    get ended() {
      return ended;
    },
    async take(count, ms = WAIT_MS) {
      await until(() => received.length >= count || ended, () => `${count} events${seen()}`, ms);
      if (received.length < count) throw new Error(`the subscription ended before ${count} events${seen()}`);
      return received.slice(0, count);
    },
    end: (ms = WAIT_MS) => until(() => ended, () => `the subscription to end${seen()}`, ms),
    stop: unsubscribe,
  };
}

/** Resolves once `check` holds, polling every 10 ms; rejects after `ms` with `what`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
