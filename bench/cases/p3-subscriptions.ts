import { createClient, type Client } from "graphql-ws";
import { WebSocket, WebSocketServer } from "ws";
import { sourcesWithIds, changeExportStatus } from "../../src/modules/export-status/export-status.service.js";
import { organizationOf } from "../seed.js";
import type { Bench } from "../setup.js";
import { atMostRatio, percentile, round, type Result } from "../stats.js";

const SUBSCRIPTION = /* GraphQL */ `
  subscription Live($reportId: ID!) {
    exportStatusChanged(reportId: $reportId) { cursor from to cause at source { id exportStatus } }
  }
`;

/** Resolves once `count` calls of the returned function happened. */
function countdown(count: number) {
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  let left = count;
  return { tick: () => --left === 0 && resolve(), done };
}

/**
 * P3: `subscribers` graphql-ws clients on one report, `events` status changes one after another (the next once every
 * subscriber got the previous). Latency runs from the commit of the change to its arrival at each subscriber; the
 * baseline is a raw `ws` server broadcasting the same message to as many raw clients.
 */
export async function benchSubscriptions(bench: Bench, reportId: string, sourceId: string, subscribers: number, events: number): Promise<Result[]> {
  const { services } = bench.server;
  const organizationId = await organizationOf(bench);
  const url = bench.server.url.replace("http", "ws") + "/graphql";
  const clients: Client[] = [];
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let arrival = countdown(subscribers);
  const connected = countdown(subscribers);
  for (let index = 0; index < subscribers; index++) {
    const client = createClient({ url, webSocketImpl: WebSocket, lazy: false, connectionParams: { authorization: `Bearer ${bench.token}` }, on: { connected: connected.tick } });
    clients.push(client);
    client.subscribe<{ exportStatusChanged: { cursor: string } }>({ query: SUBSCRIPTION, variables: { reportId } }, {
      next: ({ data }) => {
        latencies.push(performance.now() - sentAt.get(data!.exportStatusChanged.cursor)!);
        arrival.tick();
      },
      error: (error) => console.error("subscription error", error),
      complete: () => {},
    });
  }
  await connected.done;
  // Subscriptions start after connection_ack; give the server a moment to register them all.
  await new Promise((resolve) => setTimeout(resolve, 500));
  let lastMessage = "";
  for (let index = 0; index < events; index++) {
    arrival = countdown(subscribers);
    const to = index % 2 === 0 ? "PROVIDER_PENDING" : "PROVIDER_FAILED";
    const { cursor } = await services.database.db.transaction((tx) =>
      changeExportStatus(tx, organizationId, sourcesWithIds([sourceId]), { to, cause: "bench", actor: "bench" }),
    );
    // Taken as the commit returns: the NOTIFY it sends is read on another connection, after this continuation.
    sentAt.set(cursor!, performance.now());
    await arrival.done;
    lastMessage = JSON.stringify({ id: "1", type: "next", payload: { data: { exportStatusChanged: { cursor, from: "PROVIDER_PENDING", to, cause: "bench", at: new Date().toISOString(), source: { id: sourceId, exportStatus: to } } } } });
  }
  await Promise.all(clients.map((client) => client.dispose()));
  const ours = latencies;
  const raw = await rawBroadcast(subscribers, events, lastMessage);
  return [
    { id: "P3", metric: `p99 publish-to-receive ms (${subscribers} subscribers, ${events} events)`, value: round(percentile(ours, 99)), baseline: 100, ratio: round(percentile(ours, 99) / 100), target: "value < 100", met: percentile(ours, 99) < 100 },
    atMostRatio("P3", "p99 publish-to-receive vs a raw ws broadcast of the same message", percentile(ours, 99), percentile(raw, 99), 5),
  ];
}

/** The same fan-out with nothing but `ws`: one server, `subscribers` clients, `events` broadcasts. */
async function rawBroadcast(subscribers: number, events: number, message: string): Promise<number[]> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as { port: number }).port;
  const latencies: number[] = [];
  let sentAt = 0;
  let arrival = countdown(subscribers);
  const open = countdown(subscribers);
  const sockets = Array.from({ length: subscribers }, () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}`);
    socket.on("open", open.tick);
    socket.on("message", (data) => {
      JSON.parse(String(data));
      latencies.push(performance.now() - sentAt);
      arrival.tick();
    });
    return socket;
  });
  await open.done;
  for (let index = 0; index < events; index++) {
    arrival = countdown(subscribers);
    sentAt = performance.now();
    for (const client of server.clients) client.send(message);
    await arrival.done;
  }
  for (const socket of sockets) socket.close();
  await new Promise((resolve) => server.close(resolve));
  return latencies;
}
