import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import {
  STATUS_EVENTS,
  download,
  exportPortable,
  logOfLength,
  moves,
  reportWithSources,
  statusLog,
  type StatusEvent,
} from "../support/export-status.js";
import { startTestServer, type TestServer } from "../support/server.js";

describe.each(backends)("export status event log on $name", (backend) => {
  let api: TestServer;
  let operator: string;
  let viewer: string;
  let otherOrg: string;
  /** A report whose three sources were exported and then downloaded, and its six events. */
  let reportId: string;
  let sourceIds: string[];
  let exportId: string;
  let log: StatusEvent[];

  beforeAll(async () => {
    api = await startTestServer(backend);
    operator = await api.token("acme", "operator");
    viewer = await api.token("acme", "viewer");
    otherOrg = await api.token("globex", "operator");
    ({ reportId, sourceIds } = await reportWithSources(api, operator, "log-1"));
    exportId = await exportPortable(api, operator, sourceIds);
    await download(api, operator, exportId);
    log = await logOfLength(api, viewer, reportId, 6);
  });
  afterAll(() => api?.close());

  it("lists an export and a download of three sources as six events in cursor order", () => {
    expect(moves(log)).toEqual([
      ...Array(3).fill(`NOT_EXPORTED->PORTABLE_READY portable-export:${exportId}`),
      ...Array(3).fill(`PORTABLE_READY->PORTABLE_DOWNLOADED download:${exportId}`),
    ]);
    // Each source moved once per step, and the download moved the sources the export moved.
    const exported = log.slice(0, 3).map((event) => event.source.id);
    expect([...exported].sort()).toEqual([...sourceIds].sort());
    expect(log.slice(3).map((event) => event.source.id).sort()).toEqual([...sourceIds].sort());
    for (const event of log) expect(event.source.exportStatus).toBe("PORTABLE_DOWNLOADED");
  });

  it("gives cursors that are decimal positions and strictly increase", () => {
    for (const event of log) expect(event.cursor).toMatch(/^\d+$/);
    const positions = log.map((event) => Number(event.cursor));
    for (let index = 1; index < positions.length; index += 1) expect(positions[index]).toBeGreaterThan(positions[index - 1]);
  });

  it("pages with after and first, oldest first, until nothing is left", async () => {
    const pages: StatusEvent[][] = [];
    let after: string | null = null;
    for (;;) {
      const page: StatusEvent[] = (await api.ok(viewer, STATUS_EVENTS, { reportId, after, first: 4 })).exportStatusEvents;
      if (page.length === 0) break;
      pages.push(page);
      after = page[page.length - 1].cursor;
    }
    expect(pages.map((page) => page.length)).toEqual([4, 2]);
    expect(pages.flat()).toEqual(log);
    expect(await statusLog(api, viewer, reportId, log[2].cursor)).toEqual(log.slice(3));
    expect(await statusLog(api, viewer, reportId, log[5].cursor)).toEqual([]);
  });

  it("logs nothing when a change moves no source: exporting or downloading again", async () => {
    const { reportId: again, sourceIds: sources } = await reportWithSources(api, operator, "log-again", 2);
    const first = await exportPortable(api, operator, sources);
    // Still PORTABLE_READY: a second file does not move the sources again.
    const second = await exportPortable(api, operator, sources);
    await download(api, operator, first);
    await logOfLength(api, viewer, again, 4);
    // Already PORTABLE_DOWNLOADED: downloading either file again moves nothing.
    await download(api, operator, first);
    await download(api, operator, second);
    // A third export after the downloads moves them back to PORTABLE_READY: two events that prove the log caught up.
    const third = await exportPortable(api, operator, sources);
    const events = await logOfLength(api, viewer, again, 6);
    expect(moves(events)).toEqual([
      ...Array(2).fill(`NOT_EXPORTED->PORTABLE_READY portable-export:${first}`),
      ...Array(2).fill(`PORTABLE_READY->PORTABLE_DOWNLOADED download:${first}`),
      ...Array(2).fill(`PORTABLE_DOWNLOADED->PORTABLE_READY portable-export:${third}`),
    ]);
  });

  it("lists only the report's own events, not those of the organization's other reports", async () => {
    const other = await reportWithSources(api, operator, "log-other", 2);
    await exportPortable(api, operator, other.sourceIds);
    expect(moves(await logOfLength(api, viewer, other.reportId, 2))).toHaveLength(2);
    expect(await statusLog(api, viewer, reportId)).toEqual(log);
  });

  it.each(["abc", "-1", "1.5", "", " 1", "1e3", "9".repeat(16)])("refuses the cursor %j with BAD_USER_INPUT", async (after) => {
    const result = await api.graphql(viewer, STATUS_EVENTS, { reportId, after });
    expect(result.data).toBeNull();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0].message).toContain("after");
  });

  it("answers NOT_FOUND for another organization's report, as for one that does not exist", async () => {
    for (const id of [reportId, "00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      const result = await api.graphql(otherOrg, STATUS_EVENTS, { reportId: id });
      expect(result.data).toBeNull();
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["NOT_FOUND"]);
    }
  });

  it("asks for a token", async () => {
    const result = await api.graphql(null, STATUS_EVENTS, { reportId });
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  });
});
