import { sql } from "drizzle-orm";
import type { Client } from "graphql-ws";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { backends } from "../support/backends.js";
import {
  STATUS_CHANGED,
  download,
  exportPortable,
  liveSubscriptions,
  logOfLength,
  moves,
  reportWithSources,
  trail,
  type StatusEvent,
} from "../support/export-status.js";
import { ExportStatusResolver } from "../../src/modules/export-status/export-status.resolver.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { eventually, subscribe, wsClient, type Feed } from "../support/ws-client.js";

/**
 * The backends of the connections that LISTEN on this database: one per instance, as postgres.js listens on every
 * channel (status events, token revocations) through one connection, whose last statement is a LISTEN.
 */
const LISTENERS = sql`select pid from pg_stat_activity
  where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`;

describe.each(backends)("status events across subscribers and instances on $name", (backend) => {
  let api: TestServer;
  let operator: string;
  let viewer: string;
  const clients: Client[] = [];
  const siblings: TestServer[] = [];

  beforeAll(async () => {
    api = await startTestServer(backend);
    operator = await api.token("acme", "operator");
    viewer = await api.token("acme", "viewer");
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await Promise.all(siblings.splice(0).map((sibling) => sibling.close()));
  });
  afterAll(() => api?.close());

  /** Subscribes on `server` and waits until every subscription listens live there. */
  async function watchLive(server: TestServer, scopes: Record<string, unknown>[]): Promise<Feed<StatusEvent>[]> {
    const listening = liveSubscriptions(server).expect(scopes.length);
    const client = wsClient(server.url, viewer);
    clients.push(client);
    const feeds = scopes.map((variables) => subscribe<StatusEvent>(client, STATUS_CHANGED, variables, "exportStatusChanged"));
    await listening();
    return feeds;
  }

  async function sibling() {
    const second = await api.sibling();
    siblings.push(second);
    return second;
  }

  const listeners = async () => (await api.server.services.database.rows<{ pid: number }>(LISTENERS)).map((row) => row.pid);

  it("reads each change from the log once per instance, however many subscribe", async () => {
    const { reportId, sourceIds } = await reportWithSources(api, operator, "fan-out");
    const loads = vi.spyOn(api.server.services.statusEvents, "loadAfter");

    const [alone] = await watchLive(api, [{ reportId }]);
    loads.mockClear();
    const first = await exportPortable(api, operator, sourceIds);
    const expected = await alone.take(3);
    const loadsForOne = loads.mock.calls.length;

    // Twenty subscribers with every kind of filter: the whole organization, the report, each source.
    const scopes = Array.from({ length: 20 }, (_, index) =>
      index % 3 === 0 ? {} : index % 3 === 1 ? { reportId } : { sourceId: sourceIds[index % sourceIds.length] },
    );
    const feeds = await watchLive(api, scopes);
    loads.mockClear();
    await download(api, operator, first);
    const downloaded = await alone.take(6).then((events) => events.slice(3));
    for (const [index, feed] of feeds.entries()) {
      const wanted = "sourceId" in scopes[index] ? downloaded.filter((event) => event.source.id === scopes[index].sourceId) : downloaded;
      expect(trail(await feed.take(wanted.length))).toEqual(trail(wanted));
    }
    expect(loadsForOne).toBeGreaterThan(0);
    expect(loads.mock.calls.length).toBe(loadsForOne);
    expect(trail([...expected, ...downloaded])).toEqual(trail(await logOfLength(api, viewer, reportId, 6)));
  });

  it("executes each event once for all the subscribers of one subscription", async () => {
    const { reportId, sourceIds } = await reportWithSources(api, operator, "shared-execution");
    const executions = vi.spyOn(ExportStatusResolver.prototype, "exportStatusChanged");
    const same = await watchLive(api, Array.from({ length: 10 }, () => ({ reportId })));
    const [other] = await watchLive(api, [{ sourceId: sourceIds[0] }]);
    executions.mockClear();

    await exportPortable(api, operator, sourceIds);
    const received = await Promise.all(same.map((feed) => feed.take(3)));
    await other.take(1);

    for (const events of received) expect(trail(events)).toEqual(trail(received[0]));
    // Three events for the ten identical subscriptions, one for the source's own: not thirty-one.
    expect(executions).toHaveBeenCalledTimes(4);
  });

  it.skipIf(backend.name !== "postgres")("delivers changes made on one instance to a subscriber on another", async () => {
    const { reportId, sourceIds } = await reportWithSources(api, operator, "two-instances");
    const other = await sibling();
    const loadsHere = vi.spyOn(api.server.services.statusEvents, "loadAfter");
    const loadsThere = vi.spyOn(other.server.services.statusEvents, "loadAfter");
    const [there] = await watchLive(other, [{ reportId }]);
    const [here] = await watchLive(api, [{ reportId }]);
    loadsHere.mockClear();
    loadsThere.mockClear();

    const exportId = await exportPortable(api, operator, sourceIds);
    await here.take(3);
    await download(api, operator, exportId);

    const events = await there.take(6);
    expect(moves(events)).toEqual([
      ...Array(3).fill(`NOT_EXPORTED->PORTABLE_READY portable-export:${exportId}`),
      ...Array(3).fill(`PORTABLE_READY->PORTABLE_DOWNLOADED download:${exportId}`),
    ]);
    expect(trail(events)).toEqual(trail(await logOfLength(api, viewer, reportId, 6)));
    expect(trail(await here.take(6))).toEqual(trail(events));
    // Each instance read the log for itself: once per change (one change per NOTIFY here, as they were apart).
    expect(loadsThere.mock.calls.length).toBe(2);
    expect(loadsHere.mock.calls.length).toBe(2);
  });

  it.skipIf(backend.name !== "postgres")("loses no event when the listening connection is terminated", async () => {
    const { reportId, sourceIds } = await reportWithSources(api, operator, "listener-dropped");
    const [feed] = await watchLive(api, [{ reportId }]);
    // One instance, one listener (a sibling closed just before may take a moment to leave pg_stat_activity).
    let before: number[] = [];
    await eventually(async () => (before = await listeners()).length === 1, "one listening connection");
    const terminated = await api.server.services.database.rows<{ ok: boolean }>(
      sql`select pg_terminate_backend(pid) as ok from pg_stat_activity where pid = ${before[0]}`,
    );
    expect(terminated).toEqual([{ ok: true }]);

    const exportId = await exportPortable(api, operator, sourceIds);
    await download(api, operator, exportId);

    const events = await feed.take(6);
    expect(trail(events)).toEqual(trail(await logOfLength(api, viewer, reportId, 6)));
    // The relay listens again, on a new connection.
    await eventually(async () => (await listeners()).some((pid) => pid !== before[0]), "a new listening connection");
  });

  it.skipIf(backend.name !== "postgres")("backfills from the log the changes committed while the listener was away", async () => {
    const { reportId, sourceIds } = await reportWithSources(api, operator, "listener-away");
    const [feed] = await watchLive(api, [{ reportId }]);
    const database = api.server.services.database;
    const [{ name }] = await database.rows<{ name: string }>(sql`select current_database() as name`);
    // Keeps the listener away: the database refuses new connections (a database cannot do that to itself, hence the
    // connection to the server's maintenance database). The service's pool is opened beforehand, so that the changes
    // below still commit through connections that stay open.
    await Promise.all(Array.from({ length: 10 }, () => database.rows(sql`select pg_sleep(0.05)`)));
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin`alter database ${admin(name)} allow_connections false`;
    let exportId: string;
    let replayed: Feed<StatusEvent>;
    try {
      let listener = 0;
      await eventually(async () => ([listener] = await listeners()).length === 1, "one listening connection");
      await database.rows(sql`select pg_terminate_backend(${listener})`);
      await eventually(async () => (await listeners()).length === 0, "the listener to be gone");

      exportId = await exportPortable(api, operator, sourceIds);
      await download(api, operator, exportId);
      await logOfLength(api, viewer, reportId, 6);
      // Their NOTIFYs reached no one: nothing tells the relay until it listens again.
      expect(feed.received).toEqual([]);
      // A client that comes now reads them from the log; the relay hands them over again once back.
      const client = wsClient(api.url, viewer);
      clients.push(client);
      replayed = subscribe<StatusEvent>(client, STATUS_CHANGED, { reportId, after: "0" }, "exportStatusChanged");
      expect(moves(await replayed.take(6))).toEqual(moves(await logOfLength(api, viewer, reportId, 6)));
    } finally {
      await admin`alter database ${admin(name)} allow_connections true`;
      await admin.end();
    }

    const events = await feed.take(6, 30_000);
    expect(moves(events)).toEqual([
      ...Array(3).fill(`NOT_EXPORTED->PORTABLE_READY portable-export:${exportId}`),
      ...Array(3).fill(`PORTABLE_READY->PORTABLE_DOWNLOADED download:${exportId}`),
    ]);
    // And it is live again.
    const again = await exportPortable(api, operator, [sourceIds[0]]);
    const all = await feed.take(7);
    expect(moves(all.slice(6))).toEqual([`PORTABLE_DOWNLOADED->PORTABLE_READY portable-export:${again}`]);
    expect(trail(all)).toEqual(trail(await logOfLength(api, viewer, reportId, 7)));
    // No duplicate for the client that had replayed them: the last change comes right after.
    expect(trail(await replayed!.take(7))).toEqual(trail(all));
    expect(replayed!.received).toHaveLength(7);
  }, 60_000);
});
