import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MAX_OPERATIONS_PER_CONNECTION } from "../../src/graphql/websocket.js";
import { backends } from "../support/backends.js";
import { initialisedSocket, openRawSocket, type RawSocket } from "../support/raw-socket.js";
import { startTestServer, type TestServer } from "../support/server.js";

const STATUS_CHANGED = `subscription { exportStatusChanged { cursor } }`;
const MAX_BODY_BYTES = 64 * 1024;

describe.each(backends)("WebSocket limits on $name", (backend) => {
  let api: TestServer;
  let viewer: string;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    api = await startTestServer(backend, { MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
    viewer = await api.token("ws-limits", "viewer");
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.close()));
  afterAll(() => api?.close());

  it("closes a connection whose first message is over the body limit with 1009, acknowledging nothing", async () => {
    const socket = await openRawSocket(api.url);
    sockets.push(socket);
    socket.send({ type: "connection_init", payload: { authorization: `Bearer ${viewer}`, padding: "x".repeat(MAX_BODY_BYTES) } });
    expect((await socket.closed()).code).toBe(1009);
    expect(socket.messages).toEqual([]);
  });

  it(`refuses an operation past the ${MAX_OPERATIONS_PER_CONNECTION}th running on one connection with RATE_LIMITED, keeping the socket and the others`, async () => {
    const socket = await initialisedSocket(api.url, `Bearer ${viewer}`);
    sockets.push(socket);
    for (let id = 1; id <= MAX_OPERATIONS_PER_CONNECTION + 1; id++) socket.send({ id: String(id), type: "subscribe", payload: { query: STATUS_CHANGED } });

    const refused = await socket.next("error");
    expect(refused.id).toBe(String(MAX_OPERATIONS_PER_CONNECTION + 1));
    expect(refused.payload).toMatchObject([{ extensions: { code: "RATE_LIMITED" }, message: expect.stringMatching(/^At most 100 operations at once/) }]);

    // One ends, and the next subscribe is taken again: the socket stayed open and the others kept running.
    socket.send({ id: "1", type: "complete" });
    socket.send({ id: "next", type: "subscribe", payload: { query: `{ __typename }` } });
    const answer = await socket.until(() => socket.messages.find((message) => message.id === "next"), "the next operation's answer");
    expect(answer).toMatchObject({ type: "next", payload: { data: { __typename: "Query" } } });
    expect(socket.messages.filter((message) => message.type === "error")).toHaveLength(1);
    expect(socket.closedWith).toBeNull();
  });
});
