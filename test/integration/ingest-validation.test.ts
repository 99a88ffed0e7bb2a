import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { INGEST, reportInput } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

type Mutate = (input: ReturnType<typeof reportInput>) => void;

const invalid: [string, Mutate, string][] = [
  ["an empty externalId", (input) => (input.externalId = "  "), "input.externalId"],
  ["an empty title", (input) => (input.title = ""), "input.title"],
  ["a title over 500 characters", (input) => (input.title = "x".repeat(501)), "input.title"],
  ["a site URL that is not http(s)", (input) => (input.siteUrl = "javascript:alert(1)"), "input.siteUrl"],
  ["a site URL that is not a URL", (input) => (input.siteUrl = "shop.example.com"), "input.siteUrl"],
  ["an affected URL on ftp", (input) => (input.sources[1].affectedUrl = "ftp://files.example.com/a"), "input.sources[1].affectedUrl"],
  ["an empty source title", (input) => (input.sources[0].title = " "), "input.sources[0].title"],
  ["an empty sourceId", (input) => (input.sources[2].sourceId = ""), "input.sources[2].sourceId"],
  ["a NUL character", (input) => (input.sources[0].description = "a\u0000b"), "input.sources[0].description"],
  ["an empty label", (input) => (input.sources[0].labels = ["ok", ""]), "input.sources[0].labels[1]"],
  ["a source sent twice", (input) => (input.sources[2].sourceId = input.sources[0].sourceId), "input.sources[2].sourceId"],
  [
    "more than 5,000 sources",
    (input) => (input.sources = reportInput("big", 5_001).sources),
    "input.sources",
  ],
];

describe.each(backends)("ingest validation on $name", (backend) => {
  let api: TestServer;
  let operator: string;

  beforeAll(async () => {
    api = await startTestServer(backend);
    operator = await api.token("acme", "operator");
  });
  afterAll(() => api?.close());

  /** How many reports, export sources and duplicate keys the database holds, read in one statement. */
  async function rowCounts() {
    const [row] = await api.server.services.database.rows<Record<string, string | number>>(sql`
      select
        (select count(*) from reports) as reports,
        (select count(*) from export_sources) as sources,
        (select count(*) from duplicate_keys) as keys
    `);
    return { reports: Number(row.reports), sources: Number(row.sources), keys: Number(row.keys) };
  }

  it("counts what an accepted ingest writes, so that the refusals below can show they wrote nothing", async () => {
    const input = reportInput("counted", 3);
    for (const source of input.sources) source.sourceId = `counted-${source.sourceId}`;
    const before = await rowCounts();
    await api.ok(operator, INGEST, { input });
    expect(await rowCounts()).toEqual({ reports: before.reports + 1, sources: before.sources + 3, keys: before.keys + 3 });
  });

  it.each(invalid)("refuses %s with BAD_USER_INPUT naming the field, writing nothing", async (_name, mutate, field) => {
    const input = reportInput(`bad-${field}`, 3);
    mutate(input);
    const before = await rowCounts();
    const result = await api.graphql(operator, INGEST, { input });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(result.errors![0].message).toContain(field);
    expect(await rowCounts(), "no report, export source or duplicate key").toEqual(before);
  });

  it("refuses an unknown enum value with a validation error", async () => {
    const input: any = reportInput("bad-enum", 1);
    input.sources[0].severity = "SEVERE";
    const result = await api.graphql(operator, INGEST, { input });
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].message).toContain("SEVERE");
  });

  it("accepts exactly 5,000 sources in one call", async () => {
    const { ingestReport } = await api.ok(operator, INGEST, { input: reportInput("limit", 5_000) });
    const { report } = await api.ok(operator, `query($id: ID!) { report(id: $id) { sources(first: 1) { totalCount } } }`, {
      id: ingestReport.id,
    });
    expect(report.sources.totalCount).toBe(5_000);
  });

  it("leaves exactly one duplicate key after twenty concurrent ingests of one new source from different reports", async () => {
    // A source no earlier test ingested, so that the twenty calls race to insert its first key.
    const sourceId = "race-source";
    const keysOf = async () => {
      const [{ count }] = await api.server.services.database.rows<{ count: string | number }>(
        // One statement through the service's own driver, to read what the database holds.
        sql`select count(*) as count from duplicate_keys where source_id = ${sourceId} and source_type = 'REPORT_ISSUE'`,
      );
      return Number(count);
    };
    expect(await keysOf()).toBe(0);
    const inputs = Array.from({ length: 20 }, (_, index) => {
      const input = reportInput(`race-${index}`, 1);
      input.sources[0].sourceId = sourceId;
      return input;
    });
    const results = await Promise.all(inputs.map((input) => api.graphql(operator, INGEST, { input })));
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(await keysOf()).toBe(1);
    // Every report's source points at that one key.
    const [{ reports, keys }] = await api.server.services.database.rows<{ reports: string | number; keys: string | number }>(
      sql`select count(distinct report_id) as reports, count(distinct duplicate_key_id) as keys from export_sources where source_id = ${sourceId}`,
    );
    expect({ reports: Number(reports), keys: Number(keys) }).toEqual({ reports: 20, keys: 1 });
  });
});
