import { Worker } from "node:worker_threads";
import { WebSocketServer } from "ws";
import { sourcesWithIds, changeExportStatus } from "../../src/modules/export-status/export-status.service.js";
import { organizationOf } from "../seed.js";
import type { Bench } from "../setup.js";
import { atMostRatio, percentile, round, type Result } from "../stats.js";

const SUBSCRIPTION = /* GraphQL */ `
  subscription Live($reportId: ID!) {
    exportStatusChanged(reportId: $reportId) { cursor from to cause at source { id exportStatus } }
  }
`;

/** Subscribers in a worker thread (p3-clients.mjs); `expect()` waits for an event to reach all, `arrivals()` gives the times. */
async function clients(options: Record<string, unknown>) {
  const worker = new Worker(new URL("./p3-clients.mjs", import.meta.url), { workerData: options });
  let onArrived = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: { type: string; message?: string; arrivals?: [string, number][] }) => {
      if (message.type === "ready") resolve();
      else if (message.type === "arrived") onArrived();
      else if (message.type === "error") reject(new Error(`unexpected graphql-ws message ${message.message}`));
    });
  });
  await ready;
  return {
    /** Resolves once every subscriber has the next event. */
    expect() {
      return new Promise<void>((resolve) => (onArrived = resolve));
    },
    async arrivals(): Promise<[string, number][]> {
      const answer = new Promise<[string, number][]>((resolve) =>
        worker.on("message", (message: { type: string; arrivals?: [string, number][] }) => message.type === "arrivals" && resolve(message.arrivals!)),
      );
      worker.postMessage("report");
      const arrivals = await answer;
      await worker.terminate();
      return arrivals;
    },
  };
}

const now = () => performance.timeOrigin + performance.now();

/**
 * P3: `subscribers` graphql-ws subscribers on one report, `events` status changes one after another (the next once every
 * subscriber got the previous). Latency runs from the commit of the change to its arrival at each subscriber; the
 * baseline is a raw `ws` server broadcasting the same message to as many raw clients. Subscribers run in a worker
 * thread, so that their receiving does not queue behind the server's sending on one thread.
 */
export async function benchSubscriptions(bench: Bench, reportId: string, sourceId: string, subscribers: number, events: number): Promise<Result[]> {
  const { services } = bench.server;
  const organizationId = await organizationOf(bench);
  const url = bench.server.url.replace("http", "ws") + "/graphql";
  const audience = await clients({ mode: "graphql-ws", url, token: bench.token, query: SUBSCRIPTION, variables: { reportId }, count: subscribers });
  // A subscribe is acknowledged by nothing in graphql-ws: give the server a moment to register them all.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const sentAt = new Map<string, number>();
  let lastMessage = "";
  for (let index = 0; index < events; index++) {
    const arrived = audience.expect();
    const to = index % 2 === 0 ? "PROVIDER_PENDING" : "PROVIDER_FAILED";
    const { cursor } = await services.database.db.transaction((tx) =>
      changeExportStatus(tx, organizationId, sourcesWithIds([sourceId]), { to, cause: "bench", actor: "bench" }),
    );
    // Taken as the commit returns: the NOTIFY it sends is read on another connection, after this continuation.
    sentAt.set(cursor!, now());
    await arrived;
    lastMessage = JSON.stringify({ id: "1", type: "next", payload: { data: { exportStatusChanged: { cursor, from: "PROVIDER_PENDING", to, cause: "bench", at: new Date().toISOString(), source: { id: sourceId, exportStatus: to } } } } });
  }
  const ours = (await audience.arrivals()).map(([cursor, at]) => at - sentAt.get(cursor)!);
  const raw = await rawBroadcast(subscribers, events, lastMessage);
  return [
    { id: "P3", metric: `p99 publish-to-receive ms (${subscribers} subscribers, ${events} events)`, value: round(percentile(ours, 99)), baseline: 100, ratio: round(percentile(ours, 99) / 100), target: "value < 100", met: percentile(ours, 99) < 100 },
    atMostRatio("P3", "p99 publish-to-receive vs a raw ws broadcast of the same message", percentile(ours, 99), percentile(raw, 99), 5),
  ];
}

/** The same fan-out with nothing but `ws`: one server here, `subscribers` raw clients in the worker, `events` broadcasts. */
async function rawBroadcast(subscribers: number, events: number, message: string): Promise<number[]> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as { port: number }).port;
  const audience = await clients({ mode: "raw", url: `ws://127.0.0.1:${port}`, count: subscribers });
  const sentAt: number[] = [];
  for (let index = 0; index < events; index++) {
    const arrived = audience.expect();
    const payload = message.replace(/"cursor":"[^"]*"/, `"cursor":"${index}"`);
    sentAt[index] = now();
    for (const client of server.clients) client.send(payload);
    await arrived;
  }
  const latencies = (await audience.arrivals()).map(([cursor, at]) => at - sentAt[Number(cursor)]);
  await new Promise((resolve) => server.close(resolve));
  return latencies;
}
