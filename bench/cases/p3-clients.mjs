// The subscribers of P3, in a worker thread of their own so that receiving runs beside the server, as remote clients
// would. Each speaks graphql-ws itself (connection_init, subscribe, next) or, for the baseline, is a raw `ws` client;
// both only JSON.parse what arrives. Times are absolute (timeOrigin + now), comparable with the main thread's.
import { parentPort, workerData } from "node:worker_threads";
import WebSocket from "ws";

const { mode, url, token, query, variables, count } = workerData;
const arrivals = [];
const perCursor = new Map();
let ready = 0;

for (let index = 0; index < count; index++) {
  const socket = mode === "graphql-ws" ? new WebSocket(url, "graphql-transport-ws") : new WebSocket(url);
  socket.on("open", () => {
    if (mode === "graphql-ws") socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
    else if (++ready === count) parentPort.postMessage({ type: "ready" });
  });
  socket.on("message", (data) => {
    const at = performance.timeOrigin + performance.now();
    const message = JSON.parse(String(data));
    if (message.type === "connection_ack") {
      socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query, variables } }));
      if (++ready === count) parentPort.postMessage({ type: "ready" });
    } else if (message.type === "next") {
      const cursor = message.payload.data.exportStatusChanged.cursor;
      arrivals.push([cursor, at]);
      // One message to the main thread per event, once every subscriber has it: not a thousand.
      const seen = (perCursor.get(cursor) ?? 0) + 1;
      perCursor.set(cursor, seen);
      if (seen === count) parentPort.postMessage({ type: "arrived" });
    } else {
      parentPort.postMessage({ type: "error", message: message.type });
    }
  });
}

parentPort.on("message", (message) => {
  if (message === "report") parentPort.postMessage({ type: "arrivals", arrivals });
});
