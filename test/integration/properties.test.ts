import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { INGEST, SOURCES, reportInput } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

/**
 * Runs per property, always all of them (no time limit that would end a property early and pass): enough to meet the
 * odd inputs below, few enough for the file to take about ten seconds a backend.
 */
const RUNS = 50;
const PROPERTY_TIMEOUT_MS = 90_000;

/** The codes a hostile input may earn: each names a fault of the input, never of the service. */
const INPUT_CODES = [
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "UNSAFE_PREVIEW_BLOCKED",
  "IMPORT_BOUNDARY_NOT_ACKNOWLEDGED",
  "IDEMPOTENCY_KEY_REUSED",
  "PROVIDER_NATIVE_AVAILABLE",
];

/** Characters that break naive code: NUL, lone surrogates, bidi overrides, BOM, emoji, quotes, formula and markup starters. */
const awkward = fc.constantFrom(
  "\u0000", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\u202E", "\u200F", "\u2066", "\uFEFF", "\u00AD", "🙂", "👩‍💻", "🇫🇷",
  "\u0301", "\n", "\r", "\t", "'", '"', "\\", "`", "<", ">", "&", "=", "+", "-", "@", "|", "[", "]", "(", ")", "a", "Z", " ", "%",
);

/**
 * What UTF-8, and so the database, cannot hold though a JavaScript string can: NUL, and lone surrogates (after a
 * character of several bytes, too, where a driver that counts bytes from the string gets the length wrong).
 */
const UNSTORABLE = ["\u0000", "a\u0000b", "\uD800", "x\uDBFF", "\uDC00y", "é\uDFFF", "\u2066\uDFFF", "🙂\uD800"];

/** One example per unstorable string, run before the random values so that these cases are always tried. */
const unstorableExamples = <T>(make: (value: string) => T): [T][] => UNSTORABLE.map((value) => [make(value)]);

/** Text a broken or hostile scanner might send: any code point, awkward mixes, empty, blank and huge strings. */
const hostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  { arbitrary: fc.string({ unit: awkward, maxLength: 30 }), weight: 2 },
  {
    arbitrary: fc.tuple(fc.string({ unit: "grapheme", maxLength: 8 }), fc.constantFrom(...UNSTORABLE), fc.string({ maxLength: 8 })).map((parts) => parts.join("")),
    weight: 2,
  },
  fc.constantFrom(
    "",
    "   ",
    "\u202Egnp.exe",
    '=HYPERLINK("https://evil.example.com","x")',
    "<img src=x onerror=alert(1)>",
    "'; drop table reports; --",
    "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
  ),
  fc.integer({ min: 1, max: 60_000 }).map((length) => "é".repeat(length)),
);

/** URLs that are not what an http(s) field wants, or are at its edges. */
const oddUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    "shop.example.com/no-scheme",
    "//shop.example.com/protocol-relative",
    "javascript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "ftp://files.example.com/report.pdf",
    "file:///etc/passwd",
    "http://[::1]/admin",
    "https://[2001:db8::1]:8443/path?q=1",
    "http://169.254.169.254/latest/meta-data/",
    "https://user:hunter2@shop.example.com/login",
    "https://shop.example.com:99999/bad-port",
    "https://",
    "http://exa mple.com/space",
    "https://例え.jp/パス?クエリ=値",
    "HTTPS://SHOP.EXAMPLE.COM/UPPER",
    " https://shop.example.com/padded ",
    "https://shop.example.com/\u0000nul",
    "https://shop.example.com/\uD800lone",
    `https://shop.example.com/${"a".repeat(2_030)}`,
    `https://shop.example.com/${"a".repeat(2_100)}`,
  ),
  hostileText,
);

/** Mostly `valid`, sometimes `hostile`. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: hostile, weight: 1 });

/** A value an enum field does not take, or one it does. */
const anyEnum = (...values: string[]) => mostly(fc.constantFrom(...values), fc.oneof(hostileText, fc.constantFrom("high", "SEVERE", 3, null)));

/** One change to a valid ingest: `value` at `field` of the report, or of its source number `source`. */
type IngestChange = { field: string; source: number; value: unknown };

/**
 * One hostile value at one place of an otherwise valid ingest: most calls then get past the other fields, to the
 * database and its unique keys. The source id weighs most: it is an identity, fingerprinted and unique per tenant.
 */
const ingestChange: fc.Arbitrary<IngestChange> = fc.oneof(
  ...(
    [
      ["externalId", hostileText, 1],
      ["title", hostileText, 1],
      ["siteUrl", oddUrl, 1],
      ["sourceType", anyEnum("REPORT_ISSUE", "FIX_TASK"), 1],
      ["sourceId", hostileText, 6],
      ["sourceTitle", hostileText, 1],
      ["severity", anyEnum("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"), 1],
      ["priority", fc.option(anyEnum("URGENT", "HIGH", "MEDIUM", "LOW")), 1],
      ["affectedUrl", oddUrl, 2],
      ["labels", fc.option(fc.array(hostileText, { maxLength: 4 })), 1],
      ["acceptanceCriteria", fc.option(fc.array(hostileText, { maxLength: 3 })), 1],
      ["description", fc.option(hostileText), 1],
      ["evidenceLinks", fc.option(fc.array(fc.record({ label: hostileText, url: oddUrl }), { maxLength: 3 })), 2],
    ] as const
  ).map(([field, value, weight]) => ({ arbitrary: fc.record<IngestChange>({ field: fc.constant(field), source: fc.nat(3), value }), weight })),
);

const ingestCase = fc.record({ sources: fc.integer({ min: 0, max: 4 }), changes: fc.array(ingestChange, { minLength: 1, maxLength: 3 }) });

/** A valid report of `sources` sources, unique to this run, with `changes` applied. */
function hostileIngest(externalId: string, sources: number, changes: IngestChange[]) {
  const input: Record<string, any> = reportInput(externalId, sources);
  for (const { field, source, value } of changes) {
    if (["externalId", "title", "siteUrl"].includes(field)) input[field] = value;
    else if (input.sources.length > 0) input.sources[source % input.sources.length][field === "sourceTitle" ? "title" : field] = value;
  }
  return input;
}

/** A `first`, as clients get it wrong: any integer, past 32 bits, fractional, of the wrong type. */
const anyFirst = fc.oneof(
  fc.integer(),
  fc.integer({ min: -2, max: 1_002 }),
  fc.double(),
  fc.constantFrom(null, 0, -1, 1, 500, 501, 1_000, 1_001, 2 ** 31, 2 ** 53, -(2 ** 31) - 1, "10", true, [1], { n: 1 }),
);

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** POSTs an operation and keeps the HTTP status, so that a 5xx cannot hide behind a GraphQL body. */
async function post(api: TestServer, token: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

/** Data, or errors whose every code is one of `codes`, each naming a fault of the input; never a server error. */
function expectHandled(answer: Answer, context: unknown, codes: readonly string[] = INPUT_CODES): boolean {
  const show = () => JSON.stringify({ context, answer }).slice(0, 2_000);
  expect(answer.status, show()).toBeLessThan(500);
  expect([200, 400], show()).toContain(answer.status);
  const errors = answer.body.errors ?? [];
  for (const error of errors) expect(codes, show()).toContain(error.extensions?.code);
  if (errors.length === 0) expect(answer.body.data, show()).toEqual(expect.any(Object));
  return errors.length === 0;
}

describe.each(backends)("hostile inputs on $name", (backend) => {
  let api: TestServer;
  let operator: string;
  let organizationId: string;
  let run = 0;

  beforeAll(async () => {
    // Hundreds of requests of one token in a few seconds: the rate limit has its own test (limits.test.ts).
    api = await startTestServer(backend, { RATE_LIMIT_PER_MINUTE: "0" });
    operator = await api.token("props", "operator");
    [{ id: organizationId }] = await api.server.services.database.rows<{ id: string }>(sql`select id from organizations where slug = 'props'`);
  });
  afterAll(() => api?.close());

  /** The organization's rows in every table an ingest or an export writes, read in one statement. */
  async function rowCounts() {
    const [row] = await api.server.services.database.rows<Record<string, string | number>>(sql`
      select
        (select count(*) from reports where organization_id = ${organizationId}) as reports,
        (select count(*) from export_sources where organization_id = ${organizationId}) as sources,
        (select count(*) from duplicate_keys where organization_id = ${organizationId}) as keys,
        (select count(*) from portable_exports where organization_id = ${organizationId}) as exports,
        (select count(*) from portable_export_items where organization_id = ${organizationId}) as items,
        (select count(*) from export_status_events where organization_id = ${organizationId}) as events,
        (select count(*) from fallback_decisions where organization_id = ${organizationId}) as decisions
    `);
    return Object.fromEntries(Object.entries(row).map(([table, count]) => [table, Number(count)]));
  }

  it(
    "ingestReport answers random unicode, empty and huge strings, odd URLs and bad enums with data or BAD_USER_INPUT, and a refused call writes nothing",
    async () => {
      // The report id of every externalId ingested so far, as stored (the service trims it).
      const ingested = new Map<string, string>();
      await fc.assert(
        fc.asyncProperty(ingestCase, async ({ sources, changes }) => {
          const input = hostileIngest(`props-${++run}`, sources, changes);
          const before = await rowCounts();
          const answer = await post(api, operator, INGEST, { input });
          const after = await rowCounts();
          if (!expectHandled(answer, input, ["BAD_USER_INPUT"])) {
            expect(after, "a refused ingest writes no report, source or duplicate key").toEqual(before);
            return;
          }
          const { ingestReport } = answer.body.data;
          const externalId = (input.externalId as string).trim();
          const earlier = ingested.get(externalId);
          if (earlier === undefined) {
            // A new report holds exactly the sources sent, each with its duplicate key.
            expect(after.reports, "an externalId not seen before makes a new report").toBe(before.reports + 1);
            const { exportSources } = await api.ok(operator, SOURCES, { reportId: ingestReport.id, first: 500 });
            expect(exportSources.totalCount).toBe(input.sources.length);
            expect(after.sources - before.sources).toBe(input.sources.length);
            for (const edge of exportSources.edges) expect(edge.node.duplicateKey.fingerprint).toMatch(/^v1:[0-9a-f]{64}$/);
            ingested.set(externalId, ingestReport.id);
          } else {
            // The hostile externalId named an earlier report: updated in place, never a second one.
            expect(ingestReport.id, "a reused externalId updates its report").toBe(earlier);
            expect(after.reports).toBe(before.reports);
          }
        }),
        {
          numRuns: RUNS,
          examples: [
            // An externalId sent again (padded, as the service trims it): the second call updates the first report.
            [{ sources: 2, changes: [{ field: "externalId", source: 0, value: "props-reused" }] }],
            [{ sources: 3, changes: [{ field: "externalId", source: 0, value: " props-reused " }] }],
            ...unstorableExamples((value) => ({ sources: 1, changes: [{ field: "sourceId", source: 0, value }] })),
            ...unstorableExamples((value) => ({ sources: 1, changes: [{ field: "evidenceLinks", source: 0, value: [{ label: value, url: "https://shop.example.com/e" }] }] })),
            ...unstorableExamples((value) => ({ sources: 1, changes: [{ field: "sourceTitle", source: 0, value: `Title ${value}` }] })),
          ],
        },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  describe("portable exports", () => {
    let sourceIds: string[];
    let foreignSourceId: string;

    beforeAll(async () => {
      // Sources whose content is valid but awkward for every renderer, and one holding a secret.
      const input = reportInput("props-export", 4);
      input.sources[0].title = "\u202Egnp.exe 🙂 =cmd|' /C calc'!A0";
      input.sources[1].description = "<script>alert(1)</script> | pipes | `ticks` \u00AD\uFEFF";
      input.sources[2].labels = ["=SUM(A1:A9)", "@mention", "ラベル"];
      input.sources[3].description = "token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB in the page";
      const { ingestReport } = await api.ok(operator, INGEST, { input });
      const { exportSources } = await api.ok(operator, SOURCES, { reportId: ingestReport.id, first: 10 });
      sourceIds = exportSources.edges.map((edge: { node: { id: string } }) => edge.node.id);

      const foreign = await api.token("props-foreign", "operator");
      const other = await api.ok(foreign, INGEST, { input: reportInput("foreign", 1) });
      foreignSourceId = (await api.ok(foreign, SOURCES, { reportId: other.ingestReport.id })).exportSources.edges[0].node.id;
    });

    /** One hostile value in an otherwise valid export request; the idempotency key weighs most (it reaches SQL first). */
    const exportChange = () =>
      fc.oneof(
        ...(
          [
            ["sourceIds", fc.array(fc.oneof(fc.constantFrom(...sourceIds, foreignSourceId), fc.uuid(), hostileText), { maxLength: 5 }), 2],
            ["format", anyEnum("PORTABLE_EXPORT", "CSV_EXPORT", "MARKDOWN_EXPORT", "JSON_EXPORT"), 1],
            ["intendedTracker", anyEnum("JIRA", "GITHUB", "LINEAR", "OTHER"), 1],
            ["acknowledgeImportBoundary", fc.constantFrom(false, null, "yes"), 1],
            ["redact", fc.constantFrom(null, "no", 0), 1],
            ["idempotencyKey", hostileText, 3],
          ] as const
        ).map(([field, value, weight]) => ({ arbitrary: fc.record({ field: fc.constant(field), value }), weight })),
      );

    /** A valid request for some of the report's sources, with up to two hostile changes. */
    const exportInput = () =>
      fc
        .record({
          sourceIds: fc.subarray(sourceIds, { minLength: 1 }),
          format: fc.constantFrom("PORTABLE_EXPORT", "CSV_EXPORT", "MARKDOWN_EXPORT", "JSON_EXPORT"),
          intendedTracker: fc.option(fc.constantFrom("JIRA", "GITHUB", "GITLAB", "LINEAR", "AZURE_DEVOPS", "YOUTRACK", "ASANA", "CLICKUP", "OTHER"), {
            nil: undefined,
          }),
          redact: fc.option(fc.boolean(), { nil: undefined }),
          idempotencyKey: fc.option(hostileText, { nil: undefined }),
          changes: fc.array(exportChange(), { maxLength: 2 }),
        })
        .map(({ changes, idempotencyKey, ...valid }) => {
          // Unique to this run unless a change reuses a key as it is.
          const input: Record<string, unknown> = { ...valid, acknowledgeImportBoundary: true };
          if (idempotencyKey !== undefined) input.idempotencyKey = `${++run}:${idempotencyKey}`;
          for (const { field, value } of changes) input[field] = value;
          return input;
        });

    /** Valid requests for one source whose idempotency key cannot be stored as sent. */
    const keyExamples = () =>
      unstorableExamples((idempotencyKey): Record<string, unknown> => ({
        sourceIds: [sourceIds[0]],
        format: "CSV_EXPORT",
        acknowledgeImportBoundary: true,
        idempotencyKey,
      }));

    it(
      "evaluateFallback records the customer's requirement for a file with any reason, or refuses it recording nothing",
      async () => {
        await fc.assert(
          fc.asyncProperty(fc.subarray(sourceIds, { minLength: 1 }), hostileText, async (ids, reason) => {
            const before = await rowCounts();
            const answer = await post(
              api,
              operator,
              `mutation($ids: [ID!]!, $reason: String) { evaluateFallback(sourceIds: $ids, requirePortable: true, reason: $reason) { outcome reason } }`,
              { ids, reason },
            );
            const after = await rowCounts();
            if (!expectHandled(answer, { ids, reason }, ["BAD_USER_INPUT"])) {
              expect(after, "a refused evaluation records no decision").toEqual(before);
              return;
            }
            // The customer's requirement settles every source, except the one holding a secret: blocked until redacted.
            expect(answer.body.data.evaluateFallback).toEqual(
              ids.map((id) =>
                id === sourceIds[3]
                  ? { outcome: "BLOCKED", reason: "UNSAFE_PREVIEW_BLOCKED" }
                  : { outcome: "PORTABLE_FALLBACK", reason: "PORTABLE_EXPORT_REQUIRED" },
              ),
            );
            expect(after.decisions - before.decisions).toBe(ids.length);
          }),
          {
            numRuns: RUNS,
            examples: UNSTORABLE.map((reason): [string[], string] => [[sourceIds[0]], reason]),
          },
        );
      },
      PROPERTY_TIMEOUT_MS,
    );

    it(
      "previewPortableExport answers any input with a preview or a known code, and writes nothing",
      async () => {
        await fc.assert(
          fc.asyncProperty(exportInput(), async (input) => {
            const before = await rowCounts();
            const answer = await post(
              api,
              operator,
              `mutation($input: PortableExportInput!) { previewPortableExport(input: $input) { format safe sample items { exportStatus } findings { kind } } }`,
              { input },
            );
            if (expectHandled(answer, input)) {
              expect(answer.body.data.previewPortableExport.items).toHaveLength((input.sourceIds as string[]).length);
            }
            expect(await rowCounts(), "a preview writes nothing").toEqual(before);
          }),
          { numRuns: RUNS, examples: keyExamples() },
        );
      },
      PROPERTY_TIMEOUT_MS,
    );

    it(
      "createPortableExport answers any input with a complete file or a known code, and a refused export leaves no export row and no status event",
      async () => {
        await fc.assert(
          fc.asyncProperty(exportInput(), async (input) => {
            const before = await rowCounts();
            const answer = await post(
              api,
              operator,
              `mutation($input: PortableExportInput!) { createPortableExport(input: $input) { id rowCount byteSize sha256 downloadUrl } }`,
              { input },
            );
            const after = await rowCounts();
            if (!expectHandled(answer, input)) {
              expect(after, "a refused export writes nothing").toEqual(before);
              return;
            }
            const made = answer.body.data.createPortableExport;
            expect(made.rowCount).toBe((input.sourceIds as string[]).length);
            expect(after.exports - before.exports, "one export, or none when an idempotent retry returned the earlier one").toBeLessThanOrEqual(1);
            // What was recorded is complete: the file downloads whole, with the size and digest the export states.
            const response = await fetch(`${api.url}/exports/${made.id}/download`, { headers: { authorization: `Bearer ${operator}` } });
            expect(response.status).toBe(200);
            const bytes = Buffer.from(await response.arrayBuffer());
            expect(bytes.length).toBe(made.byteSize);
            expect(createHash("sha256").update(bytes).digest("hex")).toBe(made.sha256);
          }),
          { numRuns: RUNS, examples: keyExamples() },
        );
      },
      PROPERTY_TIMEOUT_MS,
    );
  });

  it(
    "lookups by id or fingerprint answer any string with null, NOT_FOUND or BAD_USER_INPUT",
    async () => {
      const lookups = [
        `query($value: ID!) { report(id: $value) { id } }`,
        `query($value: ID!) { exportSource(id: $value) { id } }`,
        `query($value: ID!) { portableExport(id: $value) { id } }`,
        `query($value: ID!) { portableExports(reportId: $value) { id } }`,
        `query($value: ID!) { exportSources(reportId: $value) { totalCount } }`,
        `query($value: String!) { duplicateKey(fingerprint: $value) { id } }`,
      ];
      await fc.assert(
        fc.asyncProperty(fc.oneof(hostileText, fc.uuid(), fc.constantFrom(`v1:${"0".repeat(64)}`, "v1:")), async (value) => {
          for (const query of lookups) expectHandled(await post(api, operator, query, { value }), { query, value }, ["BAD_USER_INPUT", "NOT_FOUND"]);
        }),
        { numRuns: RUNS, examples: unstorableExamples((value) => value) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "paginated fields answer any `first`, `after` and filter value with data or BAD_USER_INPUT",
    async () => {
      const reportId: string = (await api.ok(operator, INGEST, { input: reportInput("props-pages", 3) })).ingestReport.id;
      const query = `
        query($reportId: ID!, $first: Int, $after: String, $severity: [Severity!], $status: [ExportStatus!]) {
          reports(first: $first, after: $after) { totalCount edges { cursor } }
          exportSources(reportId: $reportId, first: $first, after: $after, filter: { severity: $severity, exportStatus: $status }) {
            totalCount edges { node { id } }
          }
          exportStatusEvents(reportId: $reportId, first: $first, after: $after) { cursor }
        }`;
      await fc.assert(
        fc.asyncProperty(
          anyFirst,
          fc.option(fc.oneof(hostileText, fc.constantFrom("c2VxOjE", "c2VxOjk5OTk5OTk5OTk5OTk5OTk5", "1", "999999999999999", "-1")), { nil: undefined }),
          fc.option(fc.array(anyEnum("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"), { maxLength: 3 }), { nil: undefined }),
          fc.option(fc.array(anyEnum("NOT_EXPORTED", "PORTABLE_READY", "PORTABLE_DOWNLOADED"), { maxLength: 2 }), { nil: undefined }),
          async (first, after, severity, status) => {
            const variables = { reportId, first, after, severity, status };
            const answer = await post(api, operator, query, variables);
            if (!expectHandled(answer, variables, ["BAD_USER_INPUT"])) return;
            const size = typeof first === "number" ? first : 50;
            expect(answer.body.data.reports.edges.length).toBeLessThanOrEqual(size);
            expect(answer.body.data.exportSources.edges.length).toBeLessThanOrEqual(size);
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
