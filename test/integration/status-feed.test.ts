import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { organizations } from "../../src/db/schema.js";
import { changeExportStatus, sourcesWithIds } from "../../src/modules/export-status/export-status.service.js";
import type { RelayedEvent, StatusFeed } from "../../src/modules/export-status/status-feed.js";
import { backends } from "../support/backends.js";
import { reportWithSources } from "../support/export-status.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { eventually } from "../support/ws-client.js";

/** The instance's own status feed, driven directly: receivers stand in for live streams. */
describe.each(backends)("the status feed on $name", (backend) => {
  let api: TestServer;
  let feed: StatusFeed;
  const organizationIds = new Map<string, string>();
  const sources = new Map<string, string[]>();
  const leaves: (() => void)[] = [];
  /** Sources last moved to PROVIDER_PENDING: the next move takes them to PROVIDER_FAILED, and back. */
  const pending = new Set<string>();

  beforeAll(async () => {
    api = await startTestServer(backend);
    feed = api.server.services.statusFeed;
    for (const slug of ["acme", "globex"]) {
      const token = await api.token(slug, "operator");
      const [organization] = await api.server.services.database.db
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.slug, slug));
      organizationIds.set(slug, organization.id);
      sources.set(slug, (await reportWithSources(api, token, `${slug}-feed`, 3)).sourceIds);
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const leave of leaves.splice(0)) leave();
  });
  afterAll(() => api?.close());

  /** Joins the feed for `slug` and returns what it hands over, in the order it does. */
  function receive(slug: string): RelayedEvent[] {
    const received: RelayedEvent[] = [];
    leaves.push(feed.subscribe(organizationIds.get(slug)!, (event) => received.push(event)));
    return received;
  }

  /** Moves the sources of `slug` (all of its first report's by default) and returns the cursors of their events. */
  async function move(slug: string, ids = sources.get(slug)!): Promise<string[]> {
    const wasPending = pending.has(ids[0]);
    if (ids.some((id) => pending.has(id) !== wasPending)) throw new Error("move sources that are in one status");
    for (const id of ids) {
      if (wasPending) pending.delete(id);
      else pending.add(id);
    }
    const to = wasPending ? "PROVIDER_FAILED" : "PROVIDER_PENDING";
    const { moved, cursor } = await api.server.services.database.db.transaction((tx) =>
      changeExportStatus(tx, organizationIds.get(slug)!, sourcesWithIds(ids), { to, cause: "feed-test", actor: "test" }),
    );
    expect(moved).toBe(ids.length);
    return Array.from({ length: moved }, (_, index) => String(Number(cursor) - moved + 1 + index));
  }

  /** Moves, then waits until the feed has read everything committed so far. */
  async function moveAndCatchUp(slug: string, ids?: string[]): Promise<string[]> {
    const cursors = await move(slug, ids);
    await feed.catchUp();
    return cursors;
  }

  const cursors = (events: RelayedEvent[]) => events.map((event) => event.cursor);

  it("hands every event of an organization to each of its receivers in log order, from one read, and none to another's", async () => {
    const loads = vi.spyOn(api.server.services.statusEvents, "loadAfter");
    const first = receive("acme");
    const second = receive("acme");
    const other = receive("globex");
    const moved = await moveAndCatchUp("acme");

    expect(cursors(first)).toEqual(moved);
    expect(cursors(second)).toEqual(moved);
    expect(first.map((event, index) => event === second[index])).toEqual([true, true, true]);
    expect(other).toEqual([]);
    expect(loads).toHaveBeenCalledTimes(1);
  });

  it("reads nothing for a change nobody here listens to, and only the listened organizations' events otherwise", async () => {
    const loads = vi.spyOn(api.server.services.statusEvents, "loadAfter");
    await moveAndCatchUp("acme");
    expect(loads).not.toHaveBeenCalled();

    receive("globex");
    await moveAndCatchUp("acme");
    expect(loads).toHaveBeenCalled();
    expect((await Promise.all(loads.mock.results.map((result) => result.value))).flat()).toEqual([]);
  });

  it("stops handing events to a receiver that left, keeps handing them to the others, and again to one that joins later", async () => {
    const staying = receive("acme");
    const leaving = receive("acme");
    const [firstMove] = await moveAndCatchUp("acme", sources.get("acme")!.slice(0, 1));
    leaves.pop()!();
    const [secondMove] = await moveAndCatchUp("acme", sources.get("acme")!.slice(0, 1));
    expect(cursors(leaving)).toEqual([firstMove]);
    expect(cursors(staying)).toEqual([firstMove, secondMove]);

    leaves.splice(0).forEach((leave) => leave());
    await moveAndCatchUp("acme", sources.get("acme")!.slice(0, 1));
    const rejoined = receive("acme");
    const [lastMove] = await moveAndCatchUp("acme", sources.get("acme")!.slice(0, 1));
    expect(cursors(rejoined)).toEqual([lastMove]);
    expect(cursors(staying)).toEqual([firstMove, secondMove]);
  });

  it("marks each event with the one handed over before it for its organization, and forgets that once nobody listens", async () => {
    const [one] = sources.get("acme")!;
    let acme = receive("acme");
    receive("globex");
    const [first] = await moveAndCatchUp("acme", [one]);
    await moveAndCatchUp("globex");
    const [second] = await moveAndCatchUp("acme", [one]);
    expect(cursors(acme)).toEqual([first, second]);
    expect(acme[1].previous).toBe(first);

    leaves.splice(0).forEach((leave) => leave());
    await moveAndCatchUp("acme", [one]);
    acme = receive("acme");
    await moveAndCatchUp("acme", [one]);
    expect(acme.map((event) => event.previous)).toEqual([null]);
  });

  it("reads a long catch-up 1,000 events at a time, letting the event loop take a turn between reads", async () => {
    const token = await api.token("acme", "operator");
    const { sourceIds } = await reportWithSources(api, token, "acme-burst", 1_001);
    const loads = vi.spyOn(api.server.services.statusEvents, "loadAfter");
    const received: RelayedEvent[] = [];
    let handedWhenTurned: number | null = null;
    leaves.push(
      feed.subscribe(organizationIds.get("acme")!, (event) => {
        // Sockets and timers wait for the event loop; a turn taken only after the whole catch-up would come at 1,001.
        if (received.push(event) === 1_000) setImmediate(() => (handedWhenTurned = received.length));
      }),
    );
    const moved = await moveAndCatchUp("acme", sourceIds);

    expect(cursors(received)).toEqual(moved);
    expect(loads.mock.calls.map(([, limit]) => limit)).toEqual([1_000, 1_000]);
    expect(handedWhenTurned).toBe(1_000);
  });

  it("reads the log again from the same place after a failed read, without waiting for another change", async () => {
    const loads = vi.spyOn(api.server.services.statusEvents, "loadAfter").mockRejectedValueOnce(new Error("connection lost"));
    const acme = receive("acme");
    // No catch-up asked for: the NOTIFY starts the read that fails, and only the retry can read again.
    const moved = await move("acme");

    await eventually(() => acme.length >= moved.length, "the events after a retry");
    expect(cursors(acme)).toEqual(moved);
    expect(loads).toHaveBeenCalledTimes(2);
    await expect(loads.mock.results[0].value).rejects.toThrow("connection lost");
  });
});
