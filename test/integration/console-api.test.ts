import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { download, exportPortable, logOfLength, reportWithSources, type StatusEvent } from "../support/export-status.js";
import { INGEST, reportInput } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

const COUNTS = /* GraphQL */ `
  query Counts { reports(first: 10) { edges { node { externalId exportStatusCounts { status count } } } } }
`;

const NEWEST = /* GraphQL */ `
  query Newest($reportId: ID!, $after: String, $last: Int) {
    exportStatusEvents(reportId: $reportId, after: $after, last: $last) { cursor to }
  }
`;

/**
 * The fields the console reads that no other client needed: who the token is, counts per status, the newest events,
 * the evidence links a page may show.
 */
describe.each(backends)("fields for the console on $name", (backend) => {
  let api: TestServer;
  let operator: string;
  let viewer: string;
  let reportId: string;
  let log: StatusEvent[];

  beforeAll(async () => {
    api = await startTestServer(backend);
    operator = await api.token("acme", "operator");
    viewer = await api.token("acme", "viewer");
    const exported = await reportWithSources(api, operator, "console-1", 5);
    reportId = exported.reportId;
    const exportId = await exportPortable(api, operator, exported.sourceIds.slice(0, 3));
    await download(api, operator, exportId);
    await exportPortable(api, operator, exported.sourceIds.slice(3, 4));
    await reportWithSources(api, operator, "console-2", 2);
    // Another organization's report of the same external id counts nowhere in acme's.
    await reportWithSources(api, await api.token("globex", "operator"), "console-1", 4);
    log = await logOfLength(api, viewer, reportId, 7);
  });
  afterAll(() => api?.close());

  it("names the calling token's organization and role", async () => {
    expect((await api.ok(viewer, "{ session { organization role } }")).session).toEqual({ organization: "acme", role: "viewer" });
    expect((await api.ok(operator, "{ session { organization role } }")).session).toEqual({ organization: "acme", role: "operator" });
    const anonymous = await api.graphql(null, "{ session { role } }");
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("counts a report's sources per export status in the order of the flow, leaving out empty statuses", async () => {
    const { reports } = await api.ok(viewer, COUNTS);
    const byReport = Object.fromEntries(reports.edges.map((edge: any) => [edge.node.externalId, edge.node.exportStatusCounts]));
    expect(byReport).toEqual({
      "console-1": [
        { status: "NOT_EXPORTED", count: 1 },
        { status: "PORTABLE_READY", count: 1 },
        { status: "PORTABLE_DOWNLOADED", count: 3 },
      ],
      "console-2": [{ status: "NOT_EXPORTED", count: 2 }],
    });
  });

  it("lists the newest events oldest first with last, after a cursor too", async () => {
    const newest = (await api.ok(viewer, NEWEST, { reportId, last: 2 })).exportStatusEvents;
    expect(newest).toEqual(log.slice(-2).map(({ cursor, to }) => ({ cursor, to })));
    const afterFirst = (await api.ok(viewer, NEWEST, { reportId, after: log[0].cursor, last: 100 })).exportStatusEvents;
    expect(afterFirst.map((event: { cursor: string }) => event.cursor)).toEqual(log.slice(1).map((event) => event.cursor));
    const refused = await api.graphql(viewer, NEWEST, { reportId, last: 0 });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(refused.errors?.[0].message).toContain("last");
  });

  it("shows only the evidence links a file would carry", async () => {
    const links = [
      { label: "Screenshot", url: "https://evidence.example.com/1.png" },
      { label: "Raw capture", url: "file:///var/scanner/captures/1.har" },
      { label: "Bucket", url: "https://scans.s3.amazonaws.com/1.png?X-Amz-Signature=0123456789abcdef0123456789abcdef" },
      { label: "Mail jane.doe@example.org", url: "https://evidence.example.com/2.png" },
    ];
    const input = reportInput("console-links", 1);
    input.sources[0].evidenceLinks = links;
    const { ingestReport } = await api.ok(operator, INGEST, { input });
    const { exportSources } = await api.ok(
      viewer,
      `query($reportId: ID!) { exportSources(reportId: $reportId) { edges { node { evidenceLinks { url } safeEvidenceLinks { label url } } } } }`,
      { reportId: ingestReport.id },
    );
    const [node] = exportSources.edges.map((edge: any) => edge.node);
    expect(node.evidenceLinks).toHaveLength(4);
    expect(node.safeEvidenceLinks).toEqual([links[0]]);
  });
});
