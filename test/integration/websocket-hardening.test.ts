import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { exportPortable, liveSubscriptions, logOfLength, reportWithSources } from "../support/export-status.js";
import { initialisedSocket, openRawSocket, operate, UpgradeRefused, type RawSocket } from "../support/raw-socket.js";
import { startTestServer, type TestServer } from "../support/server.js";

const STATUS_CHANGED = `subscription { exportStatusChanged { cursor } }`;
const ALLOWED_ORIGIN = "https://app.example.com";

/** connection_init payloads that must not get a connection acknowledged. */
const refusedInits: [string, Record<string, unknown> | undefined][] = [
  ["an unknown token", { authorization: "Bearer tex_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
  ["a token without the service's prefix", { authorization: "Bearer not-a-token" }],
  ["a Basic credential", { authorization: "Basic dXNlcjpwYXNz" }],
  ["a bare token without Bearer", { authorization: "tex_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
  ["an authorization that is not a string", { authorization: { token: "tex_AAAA" } }],
  ["an empty payload", {}],
  ["no payload at all", undefined],
];

describe.each(backends)("WebSocket hardening on $name", (backend) => {
  let api: TestServer;
  let admin: string;
  let live: ReturnType<typeof liveSubscriptions>;
  const sockets: RawSocket[] = [];
  /** Live subscriptions of this test not yet seen to end: afterEach waits for them, so none ends during the next test. */
  let listening = 0;

  beforeAll(async () => {
    api = await startTestServer(backend);
    admin = await api.token("ws-hardening", "admin");
    live = liveSubscriptions(api);
  });
  afterEach(async () => {
    const ended = live.expectEnded(listening);
    listening = 0;
    sockets.splice(0).forEach((socket) => socket.close());
    await ended();
  });
  afterAll(() => api?.close());

  const track = (socket: RawSocket) => (sockets.push(socket), socket);

  /** Subscribes to status changes on `socket` and waits until the subscription listens live. */
  async function subscribeLive(socket: RawSocket, id: string) {
    const started = live.expect(1);
    socket.send({ id, type: "subscribe", payload: { query: STATUS_CHANGED } });
    await started();
    listening++;
  }

  /**
   * A valid subscriber to the organization's status changes (an admin's socket, listening live) and a report of one
   * source: once `change` has run, the subscriber has received its event, and the log holds it.
   */
  async function statusChange(name: string) {
    const { reportId, sourceIds } = await reportWithSources(api, admin, name, 1);
    const watcher = track(await initialisedSocket(api.url, `Bearer ${admin}`));
    await subscribeLive(watcher, "watcher");
    return {
      async change() {
        const exportId = await exportPortable(api, admin, sourceIds);
        const [event] = await logOfLength(api, admin, reportId, 1);
        const relayed = await watcher.until(
          () => watcher.messages.find((message) => message.id === "watcher" && message.type === "next"),
          "the valid subscriber to receive the change",
        );
        expect(relayed.payload).toEqual({ data: { exportStatusChanged: { cursor: event.cursor } } });
        expect(event).toMatchObject({ to: "PORTABLE_READY", cause: `portable-export:${exportId}` });
      },
    };
  }

  /** The id of a token, as an admin finds it: `apiTokens` lists each token's first characters. */
  async function tokenId(token: string): Promise<string> {
    const { apiTokens } = await api.ok(admin, `{ apiTokens { id prefix revokedAt } }`);
    const matching = apiTokens.filter((row: { prefix: string }) => token.startsWith(row.prefix));
    expect(matching).toHaveLength(1);
    return matching[0].id;
  }

  it("closes a connection that sends no connection_init within 3 s with 4408, acknowledging nothing", async () => {
    const silent = track(await openRawSocket(api.url));
    expect(await silent.closed()).toEqual({ code: 4408, reason: "Connection initialisation timeout" });
    expect(silent.messages).toEqual([]);
  });

  it.each(refusedInits)("closes a connection initialised with %s with 4403, acknowledging nothing", async (_name, payload) => {
    const socket = track(await openRawSocket(api.url));
    socket.send({ type: "connection_init", ...(payload === undefined ? {} : { payload }) });
    expect(await socket.closed()).toEqual({ code: 4403, reason: "Forbidden" });
    expect(socket.messages).toEqual([]);
  });

  it("closes a connection that subscribes before connection_init with 4401, running nothing", async () => {
    const socket = track(await openRawSocket(api.url));
    socket.send({ id: "1", type: "subscribe", payload: { query: "{ __typename }" } });
    expect(await socket.closed()).toEqual({ code: 4401, reason: "Unauthorized" });
    expect(socket.messages).toEqual([]);
  });

  it("closes a revoked token's open socket with 4403, then refuses it on a new connection and on HTTP", async () => {
    const viewer = await api.token("ws-hardening", "viewer");
    const status = await statusChange("ws-revoked");
    const socket = track(await initialisedSocket(api.url, `Bearer ${viewer}`));
    expect((await operate(socket, "before", "{ __typename }")).results).toEqual([{ data: { __typename: "Query" } }]);
    await subscribeLive(socket, "live");

    const id = await tokenId(viewer);
    const left = live.expectEnded(1);
    const { revokeApiToken } = await api.ok(admin, `mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`, { id });
    expect(revokeApiToken.id).toBe(id);
    expect(revokeApiToken.revokedAt).toEqual(expect.any(String));

    expect(await socket.closed()).toEqual({ code: 4403, reason: "Forbidden: token revoked" });
    // The revoked subscription stopped listening, and a change of the organization now reaches the valid subscriber only.
    await left();
    listening--;
    await status.change();
    expect(socket.messages.filter((message) => message.id === "live")).toEqual([]);

    const again = track(await openRawSocket(api.url));
    again.send({ type: "connection_init", payload: { authorization: `Bearer ${viewer}` } });
    expect(await again.closed()).toEqual({ code: 4403, reason: "Forbidden" });
    expect(again.messages).toEqual([]);

    const overHttp = await api.graphql(viewer, "{ reports { totalCount } }");
    expect(overHttp.data).toBeNull();
    expect(overHttp.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  });

  it("authenticates every subscribe again: a token revoked without notice is refused on its next subscribe, closing the socket 4403", async () => {
    const viewer = await api.token("ws-hardening", "viewer");
    const status = await statusChange("ws-revoked-silently");
    const socket = track(await initialisedSocket(api.url, `Bearer ${viewer}`));
    await subscribeLive(socket, "live");

    // As `npm run token -- revoke` does while this instance's LISTEN connection is down: the row changes, no NOTIFY
    // reaches the instance, so the socket stays open until it asks for something.
    const id = await tokenId(viewer);
    await api.server.services.database.rows(sql`update api_tokens set revoked_at = now() where id = ${id}`);
    expect(socket.closedWith).toBeNull();

    const left = live.expectEnded(1);
    const refused = await operate(socket, "after", "{ __typename }");
    expect(refused).toEqual({ results: [], errors: null, completed: false, closeCode: 4403 });
    expect(socket.closedWith).toEqual({ code: 4403, reason: "Forbidden" });
    // The revoked subscription stopped listening, and a change of the organization now reaches the valid subscriber only.
    await left();
    listening--;
    await status.change();
    expect(socket.messages.filter((message) => message.id === "live")).toEqual([]);
  });

  it("leaves other tokens' sockets open when one token is revoked", async () => {
    const [kept, revoked] = [await api.token("ws-hardening", "viewer"), await api.token("ws-hardening", "viewer")];
    const keptSocket = track(await initialisedSocket(api.url, `Bearer ${kept}`));
    const revokedSocket = track(await initialisedSocket(api.url, `Bearer ${revoked}`));
    await api.ok(admin, `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: await tokenId(revoked) });
    expect(await revokedSocket.closed()).toEqual({ code: 4403, reason: "Forbidden: token revoked" });
    expect((await operate(keptSocket, "1", "{ __typename }")).results).toEqual([{ data: { __typename: "Query" } }]);
    expect(keptSocket.closedWith).toBeNull();
  });

  it("accepts any origin when WS_ALLOWED_ORIGINS is unset", async () => {
    const socket = track(await initialisedSocket(api.url, `Bearer ${admin}`, { origin: "https://anywhere.example.net" }));
    expect((await operate(socket, "1", "{ __typename }")).results).toEqual([{ data: { __typename: "Query" } }]);
  });

  describe(`with WS_ALLOWED_ORIGINS=${ALLOWED_ORIGIN}`, () => {
    let guarded: TestServer;
    let token: string;

    beforeAll(async () => {
      guarded = await startTestServer(backend, { WS_ALLOWED_ORIGINS: ALLOWED_ORIGIN });
      token = await guarded.token("ws-origins", "viewer");
    });
    afterAll(() => guarded?.close());

    it.each(["https://evil.example.com", "http://app.example.com", "https://app.example.com.evil.example", "null"])(
      "refuses the upgrade from origin %s with 401",
      async (origin) => {
        const refused = await openRawSocket(guarded.url, { origin }).then(
          (socket) => (track(socket), null),
          (error: unknown) => error,
        );
        expect(refused).toBeInstanceOf(UpgradeRefused);
        expect((refused as UpgradeRefused).status).toBe(401);
      },
    );

    it("accepts a connection from the allowed origin and answers its operations", async () => {
      const socket = track(await initialisedSocket(guarded.url, `Bearer ${token}`, { origin: ALLOWED_ORIGIN }));
      expect((await operate(socket, "1", "{ __typename }")).results).toEqual([{ data: { __typename: "Query" } }]);
    });

    it("still closes a connection from the allowed origin with a bad token with 4403", async () => {
      const socket = track(await openRawSocket(guarded.url, { origin: ALLOWED_ORIGIN }));
      socket.send({ type: "connection_init", payload: { authorization: "Bearer tex_unknown" } });
      expect(await socket.closed()).toEqual({ code: 4403, reason: "Forbidden" });
    });
  });
});
