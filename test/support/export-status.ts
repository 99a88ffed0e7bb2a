import { expect, vi } from "vitest";
import { INGEST, SOURCES, reportInput } from "./fixtures.js";
import type { StatusFeed } from "../../src/modules/export-status/status-feed.js";
import type { TestServer } from "./server.js";
import { WAIT_MS, eventually } from "./ws-client.js";

/** An event as tests select it, on the query and on the subscription alike. */
export interface StatusEvent {
  cursor: string;
  from: string | null;
  to: string;
  cause: string;
  source: { id: string; exportStatus: string };
}

const EVENT_FIELDS = "cursor from to cause source { id exportStatus }";

export const STATUS_EVENTS = /* GraphQL */ `
  query Events($reportId: ID!, $after: String, $first: Int) {
    exportStatusEvents(reportId: $reportId, after: $after, first: $first) { ${EVENT_FIELDS} }
  }
`;

export const STATUS_CHANGED = /* GraphQL */ `
  subscription Changed($reportId: ID, $sourceId: ID, $after: String) {
    exportStatusChanged(reportId: $reportId, sourceId: $sourceId, after: $after) { ${EVENT_FIELDS} }
  }
`;

/** Ingests a report of `count` sources and returns its id and its sources' ids, in sourceId order. */
export async function reportWithSources(api: TestServer, token: string, externalId: string, count = 3) {
  const { ingestReport } = await api.ok(token, INGEST, { input: reportInput(externalId, count) });
  const sourceIds: string[] = [];
  let after: string | null = null;
  do {
    const { exportSources }: any = await api.ok(token, SOURCES, { reportId: ingestReport.id, first: 500, after });
    sourceIds.push(...exportSources.edges.map((edge: any) => edge.node.id));
    after = exportSources.pageInfo.hasNextPage ? exportSources.pageInfo.endCursor : null;
  } while (after);
  return { reportId: ingestReport.id as string, sourceIds };
}

/** Makes a CSV portable export of the sources (no provider target is connected, so the fallback applies). */
export async function exportPortable(api: TestServer, token: string, sourceIds: string[]): Promise<string> {
  const { createPortableExport } = await api.ok(
    token,
    `mutation($input: PortableExportInput!) { createPortableExport(input: $input) { id } }`,
    { input: { sourceIds, format: "CSV_EXPORT", acknowledgeImportBoundary: true } },
  );
  return createPortableExport.id;
}

/** Downloads the file as a client does, reading it to the end. */
export async function download(api: TestServer, token: string, exportId: string): Promise<void> {
  const response = await fetch(`${api.url}/exports/${exportId}/download`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  await response.text();
}

/** A report's event log after a cursor, as dashboards read it: page by page until a page comes back empty. */
export async function statusLog(api: TestServer, token: string, reportId: string, after: string | null = null): Promise<StatusEvent[]> {
  const log: StatusEvent[] = [];
  for (;;) {
    const page: StatusEvent[] = (await api.ok(token, STATUS_EVENTS, { reportId, after, first: 1_000 })).exportStatusEvents;
    if (page.length === 0) return log;
    log.push(...page);
    after = page[page.length - 1].cursor;
  }
}

/**
 * Waits until the report's log holds `count` events and returns them. A download is recorded once the file was sent,
 * so its events may commit just after the client has read the file.
 */
export async function logOfLength(api: TestServer, token: string, reportId: string, count: number): Promise<StatusEvent[]> {
  let log: StatusEvent[] = [];
  await eventually(async () => (log = await statusLog(api, token, reportId)).length >= count, `${count} events in the log`, WAIT_MS);
  expect(log).toHaveLength(count);
  return log;
}

/** The transitions of events, one string each, to compare sequences at a glance. */
export const moves = (events: StatusEvent[]) => events.map((event) => `${event.from}->${event.to} ${event.cause}`);

/**
 * Events as the log identifies them (cursor, transition, cause, source), without the source's current status, which
 * a query reads now and a subscription read when the event was relayed.
 */
export const trail = (events: StatusEvent[]) =>
  events.map((event) => `${event.cursor} ${event.from}->${event.to} ${event.cause} ${event.source.id}`);

interface FeedCounts {
  joined: number;
  left: number;
  spy: unknown;
}
const countsByFeed = new WeakMap<StatusFeed, FeedCounts>();

/** Wraps the feed's subscribe once (again after a restoreAllMocks), however many ask, counting joins and leaves. */
function feedCounts(feed: StatusFeed): FeedCounts {
  const known = countsByFeed.get(feed);
  if (known && feed.subscribe === known.spy) return known;
  const join = feed.subscribe.bind(feed);
  const counts: FeedCounts = { joined: 0, left: 0, spy: null };
  counts.spy = vi.spyOn(feed, "subscribe").mockImplementation((organizationId, receive) => {
    counts.joined++;
    const leave = join(organizationId, receive);
    return () => {
      counts.left++;
      leave();
    };
  });
  countsByFeed.set(feed, counts);
  return counts;
}

/**
 * Counts live subscriptions as they join and leave the instance's status feed (a spy on the live object, not a mock),
 * so that a test can make a status change only once its subscribers are listening live, not just replaying the log.
 */
export function liveSubscriptions(api: TestServer) {
  const counts = feedCounts(api.server.services.statusFeed);
  return {
    /** Call before subscribing; await the returned function once subscribed: it resolves when `count` more listen. */
    expect(count: number) {
      const before = counts.joined;
      return () => eventually(() => counts.joined >= before + count, `${count} live subscriptions`, WAIT_MS);
    },
    /** Like `expect`, for subscriptions that end: resolves when `count` more stopped listening. */
    expectEnded(count: number) {
      const before = counts.left;
      return () => eventually(() => counts.left >= before + count, `${count} subscriptions to end`, WAIT_MS);
    },
  };
}
