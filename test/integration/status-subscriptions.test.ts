import type { Client } from "graphql-ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import {
  STATUS_CHANGED,
  download,
  exportPortable,
  liveSubscriptions,
  logOfLength,
  moves,
  reportWithSources,
  statusLog,
  trail,
  type StatusEvent,
} from "../support/export-status.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { subscribe, wsClient, type Feed } from "../support/ws-client.js";

describe.each(backends)("export status subscriptions on $name", (backend) => {
  let api: TestServer;
  let operator: string;
  let viewer: string;
  let otherOperator: string;
  let live: ReturnType<typeof liveSubscriptions>;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startTestServer(backend);
    operator = await api.token("acme", "operator");
    viewer = await api.token("acme", "viewer");
    otherOperator = await api.token("globex", "operator");
    live = liveSubscriptions(api);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(() => api?.close());

  const connect = (token: string | null) => {
    const client = wsClient(api.url, token);
    clients.push(client);
    return client;
  };
  const watch = (token: string | null, variables: Record<string, unknown>): Feed<StatusEvent> =>
    subscribe<StatusEvent>(connect(token), STATUS_CHANGED, variables, "exportStatusChanged");
  /** Subscribes and waits until the subscriptions listen live, so that what follows is not read from the log. */
  const watchLive = async (token: string, ...scopes: Record<string, unknown>[]) => {
    const listening = live.expect(scopes.length);
    const feeds = scopes.map((variables) => watch(token, variables));
    await listening();
    return feeds;
  };

  it("delivers an export and then a download of three sources in order, each with its source as it then is", async () => {
    const { reportId, sourceIds } = await reportWithSources(api, operator, "sub-order");
    const [feed] = await watchLive(viewer, { reportId });

    const exportId = await exportPortable(api, operator, sourceIds);
    const exported = await feed.take(3);
    expect(moves(exported)).toEqual(Array(3).fill(`NOT_EXPORTED->PORTABLE_READY portable-export:${exportId}`));
    expect(exported.map((event) => event.source.exportStatus)).toEqual(Array(3).fill("PORTABLE_READY"));
    expect(exported.map((event) => event.source.id).sort()).toEqual([...sourceIds].sort());

    await download(api, operator, exportId);
    const events = await feed.take(6);
    expect(moves(events.slice(3))).toEqual(Array(3).fill(`PORTABLE_READY->PORTABLE_DOWNLOADED download:${exportId}`));
    expect(events.slice(3).map((event) => event.source.exportStatus)).toEqual(Array(3).fill("PORTABLE_DOWNLOADED"));
    expect(events.slice(3).map((event) => event.source.id).sort()).toEqual([...sourceIds].sort());
    // Exactly the log, cursor for cursor.
    expect(trail(events)).toEqual(trail(await logOfLength(api, viewer, reportId, 6)));
    expect(feed.errors).toEqual([]);
  });

  it("delivers a report's events only, not those of the organization's other reports", async () => {
    const mine = await reportWithSources(api, operator, "sub-mine", 2);
    const theirs = await reportWithSources(api, operator, "sub-theirs", 2);
    const [feed, everything] = await watchLive(viewer, { reportId: mine.reportId }, {});

    const other = await exportPortable(api, operator, theirs.sourceIds);
    const exportId = await exportPortable(api, operator, mine.sourceIds);
    await download(api, operator, other);
    await logOfLength(api, viewer, theirs.reportId, 4);
    // The last change is the report's own: any event of the other report would arrive before it.
    await download(api, operator, exportId);

    const events = await feed.take(4);
    expect(trail(events)).toEqual(trail(await logOfLength(api, viewer, mine.reportId, 4)));
    // The organization-wide subscription saw all eight, so the other report's events were relayed, just not here.
    const all = await everything.take(8);
    expect(all.filter((event) => theirs.sourceIds.includes(event.source.id))).toHaveLength(4);
    expect(feed.received).toHaveLength(4);
  });

  it("delivers a source's events only, not those of its report's other sources", async () => {
    const { reportId, sourceIds } = await reportWithSources(api, operator, "sub-source");
    const watched = sourceIds[1];
    const [feed] = await watchLive(viewer, { sourceId: watched });

    const first = await exportPortable(api, operator, sourceIds);
    await download(api, operator, first);
    await logOfLength(api, viewer, reportId, 6);
    // A last change of the watched source alone: any event of the others would arrive before it.
    const again = await exportPortable(api, operator, [watched]);

    const events = await feed.take(3);
    expect(events.map((event) => event.source.id)).toEqual(Array(3).fill(watched));
    expect(moves(events)).toEqual([
      `NOT_EXPORTED->PORTABLE_READY portable-export:${first}`,
      `PORTABLE_READY->PORTABLE_DOWNLOADED download:${first}`,
      `PORTABLE_DOWNLOADED->PORTABLE_READY portable-export:${again}`,
    ]);
    const log = await logOfLength(api, viewer, reportId, 7);
    expect(trail(events)).toEqual(trail(log.filter((event) => event.source.id === watched)));
    expect(feed.received).toHaveLength(3);
  });

  it("gives a client that reconnects with its last cursor exactly the events it missed, then live ones", async () => {
    const { reportId, sourceIds } = await reportWithSources(api, operator, "sub-resume");
    const [before] = await watchLive(viewer, { reportId });
    const exportId = await exportPortable(api, operator, sourceIds);
    const seen = await before.take(3);
    await clients.pop()!.dispose();

    // While the client is away: a download.
    await download(api, operator, exportId);
    await logOfLength(api, viewer, reportId, 6);

    const after = seen[2].cursor;
    const feed = watch(viewer, { reportId, after });
    const missed = await feed.take(3);
    expect(trail(missed)).toEqual(trail((await statusLog(api, viewer, reportId, after)).slice(0, 3)));
    expect(moves(missed)).toEqual(Array(3).fill(`PORTABLE_READY->PORTABLE_DOWNLOADED download:${exportId}`));

    // Back live: a new export, then a download of one source as the last change, so a duplicate would show before it.
    const again = await exportPortable(api, operator, sourceIds);
    const single = await exportPortable(api, operator, [sourceIds[0]]);
    await download(api, operator, single);
    const events = await feed.take(7);
    expect(trail(events)).toEqual(trail((await logOfLength(api, viewer, reportId, 10)).slice(3)));
    expect(moves(events.slice(3))).toEqual([
      ...Array(3).fill(`PORTABLE_DOWNLOADED->PORTABLE_READY portable-export:${again}`),
      `PORTABLE_READY->PORTABLE_DOWNLOADED download:${single}`,
    ]);
    expect(trail([...seen, ...events])).toEqual(trail(await statusLog(api, viewer, reportId)));
    expect(feed.received).toHaveLength(7);
  });

  it("gives a client scoped to one source that reconnects with its last cursor exactly that source's missed events, then live ones", async () => {
    const { reportId, sourceIds } = await reportWithSources(api, operator, "sub-resume-source");
    const [one, watched, three] = sourceIds;
    const [before] = await watchLive(viewer, { sourceId: watched });
    const first = await exportPortable(api, operator, sourceIds);
    const seen = await before.take(1);
    await logOfLength(api, viewer, reportId, 3);
    await clients.pop()!.dispose();

    // While the client is away, every source moves: a download of all three, an export of the other two alone, then
    // one of the watched source alone.
    await download(api, operator, first);
    await logOfLength(api, viewer, reportId, 6);
    const others = await exportPortable(api, operator, [one, three]);
    const alone = await exportPortable(api, operator, [watched]);
    await logOfLength(api, viewer, reportId, 9);

    const after = seen[0].cursor;
    const missedInLog = (await statusLog(api, viewer, reportId, after)).filter((event) => event.source.id === watched);
    expect(moves(missedInLog)).toEqual([
      `PORTABLE_READY->PORTABLE_DOWNLOADED download:${first}`,
      `PORTABLE_DOWNLOADED->PORTABLE_READY portable-export:${alone}`,
    ]);
    const feed = watch(viewer, { sourceId: watched, after });
    const missed = await feed.take(2);
    expect(trail(missed)).toEqual(trail(missedInLog));

    // Back live: the other two move again, then the watched source alone as the last change, so any event of the
    // others, or a duplicate, would show before it.
    await download(api, operator, others);
    await logOfLength(api, viewer, reportId, 11);
    await download(api, operator, alone);
    const log = await logOfLength(api, viewer, reportId, 12);
    const events = await feed.take(3);
    expect(moves(events.slice(2))).toEqual([`PORTABLE_READY->PORTABLE_DOWNLOADED download:${alone}`]);
    expect(trail(events)).toEqual(trail(log.filter((event) => event.source.id === watched).slice(1)));
    expect(trail([...seen, ...events])).toEqual(trail(log.filter((event) => event.source.id === watched)));
    // The others did move meanwhile: four of their events while the client was away, two once it was back.
    expect(moves(log.filter((event) => event.source.id !== watched).slice(2))).toEqual([
      ...Array(2).fill(`PORTABLE_READY->PORTABLE_DOWNLOADED download:${first}`),
      ...Array(2).fill(`PORTABLE_DOWNLOADED->PORTABLE_READY portable-export:${others}`),
      ...Array(2).fill(`PORTABLE_READY->PORTABLE_DOWNLOADED download:${others}`),
    ]);
    expect(feed.received).toHaveLength(3);
  });

  it("switches from a long replay to live events with no gap and no duplicate while sources keep moving", async () => {
    // 260 sources: the replay of an export and a download (520 events) takes more than one read of the log.
    const { reportId, sourceIds } = await reportWithSources(api, operator, "sub-switch", 260);
    const first = await exportPortable(api, operator, sourceIds);
    await download(api, operator, first);
    await logOfLength(api, viewer, reportId, 520);

    const feed = watch(viewer, { reportId, after: "0" });
    // Moves the sources again while the subscriber comes in, then one last change to expose late duplicates.
    const again = await exportPortable(api, operator, sourceIds);
    const single = await exportPortable(api, operator, [sourceIds[7]]);
    await download(api, operator, single);

    const events = await feed.take(781, 30_000);
    const log = await logOfLength(api, viewer, reportId, 781);
    expect(trail(events)).toEqual(trail(log));
    expect(moves(events.slice(520, 780))).toEqual(Array(260).fill(`PORTABLE_DOWNLOADED->PORTABLE_READY portable-export:${again}`));
    expect(moves(events.slice(780))).toEqual([`PORTABLE_READY->PORTABLE_DOWNLOADED download:${single}`]);
    expect(feed.received).toHaveLength(781);
  }, 60_000);

  it("delivers every event of a burst larger than a subscriber's queue, the last ones included", async () => {
    // One export of 2,200 sources: the feed hands them over in batches of 1,000, more than a stream's queue of 1,000 holds.
    const { reportId, sourceIds } = await reportWithSources(api, operator, "sub-burst", 2_200);
    const [feed] = await watchLive(viewer, { reportId });
    const exportId = await exportPortable(api, operator, sourceIds);
    const events = await feed.take(2_200, 60_000);
    expect(moves(events)).toEqual(Array(2_200).fill(`NOT_EXPORTED->PORTABLE_READY portable-export:${exportId}`));
    expect(trail(events)).toEqual(trail(await logOfLength(api, viewer, reportId, 2_200)));
  }, 120_000);

  it("stops listening as soon as the client leaves, even when no event it wants comes again", async () => {
    const { sourceIds } = await reportWithSources(api, operator, "sub-leave", 1);
    const [feed] = await watchLive(viewer, { sourceId: sourceIds[0] });
    const ended = live.expectEnded(1);
    await clients.pop()!.dispose();
    await ended();
    expect(feed.received).toEqual([]);
  });

  it.each(["abc", "-1", "1.5", ""])("ends a subscription whose after is %j with BAD_USER_INPUT", async (after) => {
    const { reportId } = await reportWithSources(api, operator, `sub-bad-${after}`, 1);
    const feed = watch(viewer, { reportId, after });
    await feed.end();
    expect(feed.errors.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(feed.errors[0].message).toContain("after");
    expect(feed.received).toEqual([]);
  });

  it("ends a subscription to another organization's report or source with NOT_FOUND and delivers it nothing", async () => {
    const { reportId, sourceIds } = await reportWithSources(api, operator, "sub-private", 2);
    const byReport = watch(otherOperator, { reportId });
    const bySource = watch(otherOperator, { sourceId: sourceIds[0] });
    const unknown = watch(otherOperator, { reportId: "not-an-id" });
    for (const feed of [byReport, bySource, unknown]) {
      await feed.end();
      expect(feed.errors.map((error) => error.extensions?.code)).toEqual(["NOT_FOUND"]);
    }
    // The same socket keeps serving the organization's own subscriptions.
    const own = await reportWithSources(api, otherOperator, "sub-private", 1);
    const [theirs] = await watchLive(otherOperator, {});
    await exportPortable(api, operator, sourceIds);
    await logOfLength(api, viewer, reportId, 2);
    const ownExport = await exportPortable(api, otherOperator, own.sourceIds);
    // Only its own event: acme's two, committed before, would have arrived first.
    const [event] = await theirs.take(1);
    expect(moves([event])).toEqual([`NOT_EXPORTED->PORTABLE_READY portable-export:${ownExport}`]);
    expect(event.source.id).toBe(own.sourceIds[0]);
    for (const feed of [byReport, bySource, unknown]) expect(feed.received).toEqual([]);
  });

  it.each([
    ["without a token", null],
    ["with a token that does not exist", "tex_not-a-real-token"],
  ])("closes the socket with 4403 %s", async (_name, token) => {
    const feed = watch(token, {});
    await feed.end();
    expect(feed.closeCode).toBe(4403);
    expect(feed.received).toEqual([]);
  });

  it("lets a viewer subscribe to the whole organization", async () => {
    const { sourceIds } = await reportWithSources(api, operator, "sub-viewer", 1);
    const [feed] = await watchLive(viewer, {});
    const exportId = await exportPortable(api, operator, sourceIds);
    const [event] = await feed.take(1);
    expect(event).toMatchObject({
      from: "NOT_EXPORTED",
      to: "PORTABLE_READY",
      cause: `portable-export:${exportId}`,
      source: { id: sourceIds[0], exportStatus: "PORTABLE_READY" },
    });
  });
});
