import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../src/db/migrate.js";
import { backends } from "../support/backends.js";
import { INGEST, SOURCES, reportInput } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

describe.each(backends)("reports and sources on $name", (backend) => {
  let api: TestServer;
  let operator: string;
  let viewer: string;
  let otherOrg: string;

  beforeAll(async () => {
    api = await startTestServer(backend);
    operator = await api.token("acme", "operator");
    viewer = await api.token("acme", "viewer");
    otherOrg = await api.token("globex", "admin");
  });
  afterAll(() => api?.close());

  it("ingests a report with its sources and gives each a duplicate key", async () => {
    const { ingestReport } = await api.ok(operator, INGEST, { input: reportInput("r-ingest", 3) });
    expect(ingestReport).toMatchObject({ externalId: "r-ingest", siteUrl: "https://shop.example.com" });
    const { exportSources } = await api.ok(viewer, SOURCES, { reportId: ingestReport.id });
    expect(exportSources.totalCount).toBe(3);
    const nodes = exportSources.edges.map((edge: any) => edge.node);
    expect(nodes.map((node: any) => node.sourceId)).toEqual(["src-0", "src-1", "src-2"]);
    expect(nodes[0]).toMatchObject({
      sourceType: "REPORT_ISSUE",
      severity: "CRITICAL",
      priority: "URGENT",
      exportStatus: "NOT_EXPORTED",
      remediationStatus: "OPEN",
      labels: ["web", "group-0"],
      evidenceLinks: [{ label: "Screenshot", url: "https://evidence.example.com/0.png" }],
    });
    for (const node of nodes) {
      expect(node.duplicateKey.fingerprint).toMatch(/^v1:[0-9a-f]{64}$/);
      expect(node.duplicateKey.label).toMatch(/^[a-z0-9-]+$/);
      expect(node.duplicateKey).toMatchObject({ sourceType: node.sourceType, sourceId: node.sourceId });
    }
  });

  it("re-ingests the same externalId by updating, adding and never duplicating or resetting state", async () => {
    const first = await api.ok(operator, INGEST, { input: reportInput("r-again", 2) });
    const reportId = first.ingestReport.id;
    const database = api.server.services.database;
    // Export state and remediation status are set by later stages; a re-ingest must leave them alone.
    await database.db.execute(
      sql`update export_sources set export_status = 'PORTABLE_READY', remediation_status = 'IN_PROGRESS' where report_id = ${reportId} and source_id = 'src-0'`,
    );
    const changed = reportInput("r-again", 3, { title: "Renamed scan" });
    changed.sources[0].title = "Renamed finding";
    const second = await api.ok(operator, INGEST, { input: changed });
    expect(second.ingestReport).toMatchObject({ id: reportId, title: "Renamed scan" });

    const { exportSources } = await api.ok(viewer, SOURCES, { reportId });
    expect(exportSources.totalCount).toBe(3);
    const first0 = exportSources.edges[0].node;
    expect(first0).toMatchObject({
      title: "Renamed finding",
      exportStatus: "PORTABLE_READY",
      remediationStatus: "IN_PROGRESS",
    });
    const { reports } = await api.ok(viewer, `{ reports(first: 100) { edges { node { externalId } } } }`);
    expect(reports.edges.filter((edge: any) => edge.node.externalId === "r-again")).toHaveLength(1);
  });

  it("keeps one duplicate key per source across reports", async () => {
    const a = await api.ok(operator, INGEST, { input: reportInput("r-key-a", 1) });
    const b = await api.ok(operator, INGEST, { input: reportInput("r-key-b", 1) });
    const keyOf = async (reportId: string) =>
      (await api.ok(viewer, SOURCES, { reportId })).exportSources.edges[0].node.duplicateKey;
    const [keyA, keyB] = [await keyOf(a.ingestReport.id), await keyOf(b.ingestReport.id)];
    expect(keyA.id).toBe(keyB.id);
    const { duplicateKey } = await api.ok(viewer, `query($f: String!) { duplicateKey(fingerprint: $f) { id } }`, {
      f: keyA.fingerprint,
    });
    expect(duplicateKey.id).toBe(keyA.id);
  });

  it("pages through sources with cursors and filters by severity, type and status", async () => {
    const { ingestReport } = await api.ok(operator, INGEST, { input: reportInput("r-pages", 7) });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { exportSources }: any = await api.ok(viewer, SOURCES, { reportId: ingestReport.id, first: 3, after });
      expect(exportSources.totalCount).toBe(7);
      seen.push(...exportSources.edges.map((edge: any) => edge.node.sourceId));
      after = exportSources.pageInfo.hasNextPage ? exportSources.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(["src-0", "src-1", "src-2", "src-3", "src-4", "src-5", "src-6"]);

    const filtered = await api.ok(viewer, SOURCES, {
      reportId: ingestReport.id,
      filter: { severity: ["CRITICAL", "HIGH"], sourceType: ["REPORT_ISSUE"], exportStatus: ["NOT_EXPORTED"] },
    });
    expect(filtered.exportSources.edges.map((edge: any) => edge.node.sourceId)).toEqual(["src-0", "src-6"]);
    expect(filtered.exportSources.totalCount).toBe(2);

    const none = await api.ok(viewer, SOURCES, { reportId: ingestReport.id, filter: { exportStatus: ["PROVIDER_LINKED"] } });
    expect(none.exportSources).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it("pages through reports newest first", async () => {
    const token = await api.token("paging-co", "operator");
    for (const id of ["p1", "p2", "p3"]) await api.ok(token, INGEST, { input: reportInput(id, 0) });
    const page1 = await api.ok(token, `{ reports(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { externalId } } } }`);
    expect(page1.reports.totalCount).toBe(3);
    expect(page1.reports.edges.map((edge: any) => edge.node.externalId)).toEqual(["p3", "p2"]);
    const page2 = await api.ok(token, `query($after: String) { reports(first: 2, after: $after) { pageInfo { hasNextPage } edges { node { externalId } } } }`, {
      after: page1.reports.pageInfo.endCursor,
    });
    expect(page2.reports.edges.map((edge: any) => edge.node.externalId)).toEqual(["p1"]);
    expect(page2.reports.pageInfo.hasNextPage).toBe(false);
  });

  it("shows another organization's report, sources and keys as if they did not exist", async () => {
    const { ingestReport } = await api.ok(operator, INGEST, { input: reportInput("r-private", 1) });
    const { exportSources } = await api.ok(viewer, SOURCES, { reportId: ingestReport.id });
    const source = exportSources.edges[0].node;

    const report = await api.ok(otherOrg, `query($id: ID!) { report(id: $id) { id } }`, { id: ingestReport.id });
    expect(report.report).toBeNull();
    const one = await api.ok(otherOrg, `query($id: ID!) { exportSource(id: $id) { id } }`, { id: source.id });
    expect(one.exportSource).toBeNull();
    const key = await api.ok(otherOrg, `query($f: String!) { duplicateKey(fingerprint: $f) { id } }`, {
      f: source.duplicateKey.fingerprint,
    });
    expect(key.duplicateKey).toBeNull();
    const list = await api.graphql(otherOrg, SOURCES, { reportId: ingestReport.id });
    expect(list.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const reports = await api.ok(otherOrg, `{ reports { totalCount } }`);
    expect(reports.reports.totalCount).toBe(0);
  });

  it("treats ids that are not ours as absent rather than failing", async () => {
    const result = await api.ok(viewer, `{ report(id: "not-a-uuid") { id } exportSource(id: "x") { id } }`);
    expect(result).toEqual({ report: null, exportSource: null });
    const list = await api.graphql(viewer, SOURCES, { reportId: "nope" });
    expect(list.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("refuses a request without a token, and ingest from a viewer", async () => {
    const anonymous = await api.graphql(null, `{ reports { totalCount } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const wrong = await api.graphql("tex_not-a-real-token", `{ reports { totalCount } }`);
    expect(wrong.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const forbidden = await api.graphql(viewer, INGEST, { input: reportInput("r-viewer", 1) });
    expect(forbidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("applies the migrations again without harm", async () => {
    await applyMigrations(api.server.services.database);
    await applyMigrations(api.server.services.database);
    const response = await fetch(`${api.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
  });

  it("keeps its data across a restart", async () => {
    const { ingestReport } = await api.ok(operator, INGEST, { input: reportInput("r-restart", 2) });
    api = await api.restart();
    const { report } = await api.ok(viewer, `query($id: ID!) { report(id: $id) { externalId sources { totalCount } } }`, {
      id: ingestReport.id,
    });
    expect(report).toEqual({ externalId: "r-restart", sources: { totalCount: 2 } });
  });
});
