import WebSocket from "ws";
import { WAIT_MS } from "./ws-client.js";

/** A graphql-ws protocol message as it travels on the socket. */
export interface WireMessage {
  type: string;
  id?: string;
  payload?: any;
}

export interface RawSocket {
  /** Every message the server sent, parsed, in arrival order. */
  readonly messages: WireMessage[];
  /** Sends one protocol message. */
  send(message: WireMessage): void;
  /** Resolves with the first message of `type` (already received or still to come); rejects after `ms`. */
  next(type: string, ms?: number): Promise<WireMessage>;
  /** Resolves with what `found` returns once it is not undefined, checked on every message and on close. */
  until<T>(found: () => T | undefined, what: string, ms?: number): Promise<T>;
  /** The close code and reason, or null while the socket is open. */
  readonly closedWith: { code: number; reason: string } | null;
  /** Resolves with the close code and reason once the socket is closed, by either side; rejects after `ms`. */
  closed(ms?: number): Promise<{ code: number; reason: string }>;
  close(): void;
}

export interface RawSocketOptions {
  /** The Origin header a browser would send; none by default, as from a server-side client. */
  origin?: string;
}

/**
 * A bare WebSocket on the service's `/graphql` URL speaking graphql-transport-ws by hand, for what a graphql-ws client
 * hides or never does: staying silent after connecting, watching close codes, sending an Origin. Resolves once the
 * socket is open; rejects with `UpgradeRefused` when the server refuses the upgrade.
 */
export function openRawSocket(httpUrl: string, { origin }: RawSocketOptions = {}): Promise<RawSocket> {
  const socket = new WebSocket(`${httpUrl.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", origin ? { origin } : {});
  const messages: WireMessage[] = [];
  const waiters = new Set<() => void>();
  let closedWith: { code: number; reason: string } | null = null;
  const changed = () => waiters.forEach((check) => check());
  socket.on("message", (data) => {
    messages.push(JSON.parse(String(data)) as WireMessage);
    changed();
  });
  socket.on("close", (code, reason) => {
    closedWith = { code, reason: String(reason) };
    changed();
  });

  const until = <T>(found: () => T | undefined, what: string, ms = WAIT_MS) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; received ${JSON.stringify(messages)}, closed ${JSON.stringify(closedWith)}`));
      }, ms);
      waiters.add(check);
      check();
    });

  const raw: RawSocket = {
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    next: (type, ms) => until(() => messages.find((message) => message.type === type), `a ${type} message`, ms),
    until,
    get closedWith() {
      return closedWith;
    },
    closed: (ms) => until(() => closedWith ?? undefined, "the socket to close", ms),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve(raw));
    socket.once("unexpected-response", (request, response) => {
      request.destroy();
      reject(new UpgradeRefused(response.statusCode ?? 0));
    });
    // Rejects while opening; later errors also end in "close", which `closed()` reports.
    socket.on("error", reject);
  });
}

/** The server answered the upgrade request with an HTTP status instead of switching protocols. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`WebSocket upgrade refused with HTTP ${status}`);
  }
}

/** Opens a socket and completes connection_init with `authorization`, waiting for the acknowledgement. */
export async function initialisedSocket(httpUrl: string, authorization: string, options: RawSocketOptions = {}): Promise<RawSocket> {
  const socket = await openRawSocket(httpUrl, options);
  socket.send({ type: "connection_init", payload: { authorization } });
  await socket.next("connection_ack");
  return socket;
}

/**
 * Sends one operation and waits until it ends: its `next` payloads, its `error` payload (null when none), whether it
 * completed, and the close code when the server closed the socket instead.
 */
export async function operate(socket: RawSocket, id: string, query: string, variables?: Record<string, unknown>) {
  socket.send({ id, type: "subscribe", payload: { query, variables } });
  const own = () => socket.messages.filter((message) => message.id === id);
  await socket.until(
    () => (own().some((message) => message.type === "complete" || message.type === "error") || socket.closedWith ? true : undefined),
    `operation ${id} to end`,
  );
  return {
    results: own().filter((message) => message.type === "next").map((message) => message.payload),
    errors: own().find((message) => message.type === "error")?.payload ?? null,
    completed: own().some((message) => message.type === "complete"),
    closeCode: socket.closedWith?.code ?? null,
  };
}
