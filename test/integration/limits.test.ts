import { Lexer, Source, TokenKind } from "graphql";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { INGEST, reportInput } from "../support/fixtures.js";
import { initialisedSocket, operate, type RawSocket } from "../support/raw-socket.js";
import { startTestServer, type TestServer } from "../support/server.js";

/** `count` copies of `item`, separated by spaces. */
const times = (count: number, item: (index: number) => string) => Array.from({ length: count }, (_, index) => item(index)).join(" ");

/** `levels` nested fields, the innermost a scalar: reports > edges > node > sources > edges > node > report > ... */
function nested(levels: number): string {
  const path = ["reports", "edges", "node", "sources", "edges", "node", "report", "sources", "edges", "node", "report", "sources"];
  const fields = path.slice(0, levels - 1);
  const leaf = fields.at(-1) === "edges" ? "cursor" : fields.at(-1) === "node" || fields.at(-1) === "report" ? "id" : "totalCount";
  return `{ ${fields.map((field) => `${field} {`).join(" ")} ${leaf} ${"}".repeat(fields.length)} }`;
}

/** The lexical tokens of a document, as the token limit counts them. */
function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/** A valid query of exactly `tokens` tokens: a long severity filter, cheap to validate and to run. */
function ofTokens(tokens: number): string {
  const query = (values: number) => `{ reports { edges { node { sources(filter: { severity: [${times(values, () => "HIGH")}] }) { totalCount } } } } }`;
  const document = query(tokens - tokenCount(query(0)));
  if (tokenCount(document) !== tokens) throw new Error(`built a document of ${tokenCount(document)} tokens, not ${tokens}`);
  return document;
}

/** An id of nothing: these documents are judged before anything is read. */
const NO_ID = "00000000-0000-4000-8000-000000000000";
const ITEMS_OF_ONE_EXPORT = "PortableExport.items can be selected for one export at a time (portableExport(id) or createPortableExport), not inside a list of exports.";

/** Documents one step past each limit, and the error both transports give for it. */
const pastLimits: [string, string, string][] = [
  ["a query 11 levels deep", nested(11), "Syntax Error: Query depth limit of 10 exceeded, found 11."],
  ["a query with 16 aliases", `{ ${times(16, (i) => `a${i}: providerTargets { id }`)} }`, "Syntax Error: Aliases limit of 15 exceeded, found 16."],
  ["a query with 21 directives", `{ ${times(21, () => "__typename @include(if: true)")} }`, "Syntax Error: Directives limit of 20 exceeded, found 21."],
  ["a query of 2,001 tokens", ofTokens(2_001), "Syntax Error: Token limit of 2000 exceeded."],
  ["a query costing over 20,000", "{ reports(first: 50000) { totalCount } }", "Syntax Error: Query Cost limit of 20000 exceeded, found 175000."],
  ["the items of every export of a report", `{ portableExports(reportId: "${NO_ID}") { items { exportStatus } } }`, ITEMS_OF_ONE_EXPORT],
  [
    "the items of a source's exports, through a fragment",
    `{ exportSource(id: "${NO_ID}") { portableExports { ...Items } } } fragment Items on PortableExport { items { exportStatus } }`,
    ITEMS_OF_ONE_EXPORT,
  ],
  [
    "the items of two exports by aliases, through one fragment",
    `{ a: portableExport(id: "${NO_ID}") { ...Items } b: portableExport(id: "${NO_ID}") { ...Items } } fragment Items on PortableExport { items { exportStatus } }`,
    "PortableExport.items can be selected once per operation, found 2: ask for one export's items at a time.",
  ],
];

/** Documents exactly at each limit: answered. */
const atLimits: [string, string][] = [
  ["a query 10 levels deep", nested(10)],
  ["a query with 15 aliases", `{ ${times(15, (i) => `a${i}: providerTargets { id }`)} }`],
  ["a query with 20 directives", `{ ${times(20, () => "__typename @include(if: true)")} }`],
  ["a query of 2,000 tokens", ofTokens(2_000)],
  ["the items of one export", `{ portableExport(id: "${NO_ID}") { items { exportStatus } } }`],
  ["the items of one export reached through a fragment", `{ portableExport(id: "${NO_ID}") { ...Items } } fragment Items on PortableExport { items { exportStatus } }`],
];

/** Typos whose graphql-js message would name the right field, argument, enum value or type. */
const typos: [string, string, string, string][] = [
  ["a field", "{ reprts { totalCount } }", 'Cannot query field "reprts" on type "Query".', "reports"],
  ["an argument", "{ reports(frist: 1) { totalCount } }", 'Unknown argument "frist" on field "Query.reports".', "first"],
  [
    "an enum value",
    '{ exportSources(reportId: "r", filter: { severity: [HIHG] }) { totalCount } }',
    'Value "HIHG" does not exist in "Severity" enum.',
    "HIGH",
  ],
  ["a type", "query($id: Strin) { report(id: $id) { id } }", 'Unknown type "Strin".', '"String"'],
];

/** Errors without their `locations`, which only the document rules (not armor's limits) give. */
const withoutLocations = (errors: { locations?: unknown }[]) => errors.map(({ locations: _, ...error }) => error);

const INTROSPECTION = "{ __schema { types { name } } }";

interface HttpAnswer {
  status: number;
  contentType: string | null;
  body: any;
}

/** One raw HTTP request to /graphql, keeping the status and the parsed body. */
async function post(api: TestServer, token: string | null, body: string, headers: Record<string, string> = { "content-type": "application/json" }): Promise<HttpAnswer> {
  const response = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.json() };
}

const postQuery = (api: TestServer, token: string, query: string, variables?: Record<string, unknown>) =>
  post(api, token, JSON.stringify({ query, variables }));

/** The externalIds of the organization's reports: what a refused ingest must not have added to. */
async function externalIds(api: TestServer, token: string): Promise<string[]> {
  const { reports } = await api.ok(token, `{ reports(first: 500) { edges { node { externalId } } } }`);
  return reports.edges.map((edge: { node: { externalId: string } }) => edge.node.externalId);
}

describe.each(backends)("request limits on $name", (backend) => {
  let api: TestServer;
  let operator: string;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    api = await startTestServer(backend);
    operator = await api.token("limits", "operator");
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.close()));
  afterAll(() => api?.close());

  const socket = async (token = operator) => {
    const opened = await initialisedSocket(api.url, `Bearer ${token}`);
    sockets.push(opened);
    return opened;
  };

  describe("on HTTP", () => {
    it.each(pastLimits)("refuses %s with 400 and one GRAPHQL_VALIDATION_FAILED error", async (_name, query, message) => {
      const answer = await postQuery(api, operator, query);
      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body)).toEqual(["errors"]);
      expect(withoutLocations(answer.body.errors)).toEqual([{ message, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }]);
    });

    it.each(atLimits)("answers %s", async (_name, query) => {
      const answer = await postQuery(api, operator, query);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toEqual(expect.any(Object));
    });

    it("refuses a malformed document with 400 GRAPHQL_PARSE_FAILED, not a server error", async () => {
      const answer = await postQuery(api, operator, "{ reports {");
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        errors: [{ message: "Syntax Error: Expected Name, found <EOF>.", locations: [{ line: 1, column: 12 }], extensions: { code: "GRAPHQL_PARSE_FAILED" } }],
      });
    });

    it.each(typos)("names a mistyped %s without suggesting the right one", async (_what, query, message, suggestion) => {
      const answer = await postQuery(api, operator, query);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors[0].message).toBe(message);
      expect(answer.body.errors[0].extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
      expect(JSON.stringify(answer.body)).not.toMatch(/did you mean|suggestion/i);
      expect(JSON.stringify(answer.body)).not.toContain(suggestion);
    });

    it("answers introspection outside production", async () => {
      const answer = await postQuery(api, operator, INTROSPECTION);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.__schema.types.map((type: { name: string }) => type.name)).toEqual(
        expect.arrayContaining(["Query", "Mutation", "Subscription", "ExportSource", "PortableExport"]),
      );
    });

    it("refuses a GET without a preflight header as a possible CSRF, and answers it with one", async () => {
      const url = `${api.url}/graphql?query=${encodeURIComponent("{ __typename }")}`;
      const bare = await fetch(url, { headers: { authorization: `Bearer ${operator}` } });
      expect(bare.status).toBe(400);
      const refused = (await bare.json()) as { data?: unknown; errors: { message: string }[] };
      expect(refused.data).toBeUndefined();
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors[0].message).toContain("Cross-Site Request Forgery (CSRF)");

      const preflighted = await fetch(url, { headers: { authorization: `Bearer ${operator}`, "apollo-require-preflight": "true" } });
      expect(preflighted.status).toBe(200);
      expect(await preflighted.json()).toEqual({ data: { __typename: "Query" } });
    });

    it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
      "refuses a POST sent as %s without a preflight header as a possible CSRF, running nothing",
      async (contentType) => {
        const input = reportInput(`csrf-${contentType.split(/[/;]/)[1]}`, 1);
        const answer = await post(api, operator, JSON.stringify({ query: INGEST, variables: { input } }), { "content-type": contentType });
        expect(answer.status).toBe(400);
        expect(answer.body.data).toBeUndefined();
        expect(answer.body.errors).toHaveLength(1);
        expect(answer.body.errors[0].message).toContain("Cross-Site Request Forgery (CSRF)");
        expect(await externalIds(api, operator)).not.toContain(input.externalId);
      },
    );

    it("refuses a batch of operations (a JSON array body) with 400, running none of them", async () => {
      const input = reportInput("batched", 1);
      const answer = await post(api, operator, JSON.stringify([{ query: INGEST, variables: { input } }, { query: "{ __typename }" }]));
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ errors: [{ message: "Operation batching disabled.", extensions: { code: "BAD_REQUEST" } }] });
      expect(await externalIds(api, operator)).not.toContain(input.externalId);
    });
  });

  describe("on the WebSocket", () => {
    it.each(pastLimits)("refuses %s with the same error as HTTP, and the connection stays usable", async (_name, query, message) => {
      const ws = await socket();
      const refused = await operate(ws, "1", query);
      expect({ ...refused, errors: withoutLocations(refused.errors) }).toEqual({
        results: [],
        errors: [{ message, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }],
        completed: false,
        closeCode: null,
      });
      const after = await operate(ws, "2", "{ __typename }");
      expect(after.results).toEqual([{ data: { __typename: "Query" } }]);
    });

    it("refuses a subscription 11 levels deep before subscribing", async () => {
      const deep =
        "subscription { exportStatusChanged { source { report { sources { edges { node { report { sources { edges { node { id } } } } } } } } } } }";
      const refused = await operate(await socket(), "1", deep);
      expect(refused.errors).toEqual([{ message: "Syntax Error: Query depth limit of 10 exceeded, found 11.", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }]);
      expect(refused.results).toEqual([]);
    });

    it.each(atLimits)("answers %s", async (_name, query) => {
      const answered = await operate(await socket(), "1", query);
      expect(answered.errors).toBeNull();
      expect(answered.completed).toBe(true);
      expect(answered.results).toHaveLength(1);
      expect(answered.results[0].errors).toBeUndefined();
      expect(answered.results[0].data).toEqual(expect.any(Object));
    });

    it("refuses a malformed document with an error message instead of closing the connection", async () => {
      const ws = await socket();
      const refused = await operate(ws, "1", "{ reports {");
      expect(refused.errors).toEqual([
        { message: "Syntax Error: Expected Name, found <EOF>.", locations: [{ line: 1, column: 12 }], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } },
      ]);
      expect(refused.closeCode).toBeNull();
      expect((await operate(ws, "2", "{ __typename }")).results).toEqual([{ data: { __typename: "Query" } }]);
    });

    it.each(typos)("names a mistyped %s without suggesting the right one, in the words HTTP uses", async (_what, query, message, suggestion) => {
      const refused = await operate(await socket(), "1", query);
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors[0].message).toBe(message);
      expect(refused.errors[0].extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
      expect(JSON.stringify(refused.errors)).not.toMatch(/did you mean|suggestion/i);
      expect(JSON.stringify(refused.errors)).not.toContain(suggestion);
    });

    it("answers introspection outside production", async () => {
      const answered = await operate(await socket(), "1", INTROSPECTION);
      expect(answered.errors).toBeNull();
      expect(answered.results[0].data.__schema.types.map((type: { name: string }) => type.name)).toEqual(
        expect.arrayContaining(["Query", "Mutation", "Subscription", "ExportSource", "PortableExport"]),
      );
    });
  });

  describe("with NODE_ENV=production and MAX_BODY_BYTES=2048", () => {
    let production: TestServer;
    let token: string;

    beforeAll(async () => {
      production = await startTestServer(backend, { NODE_ENV: "production", MAX_BODY_BYTES: "2048" });
      token = await production.token("production", "operator");
    });
    afterAll(() => production?.close());

    it.each([
      ["__schema", INTROSPECTION],
      ["__type", '{ __type(name: "Report") { fields { name } } }'],
    ])("refuses introspection through %s on HTTP with 400 GRAPHQL_VALIDATION_FAILED", async (_field, query) => {
      const answer = await postQuery(production, token, query);
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors.length).toBeGreaterThan(0);
      for (const error of answer.body.errors) {
        expect(error.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
        expect(error.message).toMatch(/introspection/i);
      }
    });

    it.each([
      ["__schema", INTROSPECTION],
      ["__type", '{ __type(name: "Report") { fields { name } } }'],
    ])("refuses introspection through %s on the WebSocket with GRAPHQL_VALIDATION_FAILED", async (_field, query) => {
      const ws = await initialisedSocket(production.url, `Bearer ${token}`);
      sockets.push(ws);
      const refused = await operate(ws, "1", query);
      expect(refused.results).toEqual([]);
      expect(refused.errors.length).toBeGreaterThan(0);
      for (const error of refused.errors) {
        expect(error.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
        expect(error.message).toMatch(/introspection/i);
      }
    });

    it("still answers __typename, which is not introspection of the schema", async () => {
      expect((await postQuery(production, token, "{ __typename }")).body).toEqual({ data: { __typename: "Query" } });
    });

    it("refuses a body over MAX_BODY_BYTES with 413 and a JSON body, running nothing", async () => {
      const input = reportInput("oversized", 1);
      input.sources[0].description = "x".repeat(2_048);
      const answer = await postQuery(production, token, INGEST, { input });
      expect(answer.status).toBe(413);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.body).toEqual({ error: "PAYLOAD_TOO_LARGE", message: "The request body is over 2048 bytes." });
      expect(await externalIds(production, token)).not.toContain(input.externalId);
    });

    it("accepts a body just under MAX_BODY_BYTES", async () => {
      const input = reportInput("just-under", 1);
      const body = (description: string) => JSON.stringify({ query: INGEST, variables: { input: { ...input, sources: [{ ...input.sources[0], description }] } } });
      const padded = body("x".repeat(2_040 - body("").length));
      expect(Buffer.byteLength(padded)).toBe(2_040);
      const answer = await post(production, token, padded);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.ingestReport.externalId).toBe("just-under");
    });
  });

  describe("with RATE_LIMIT_PER_MINUTE=5", () => {
    let limited: TestServer;

    beforeAll(async () => {
      limited = await startTestServer(backend, { RATE_LIMIT_PER_MINUTE: "5" });
    });
    afterAll(() => limited?.close());

    it("answers a token's 6th request in a burst with 429 and Retry-After, runs nothing, and leaves another token alone", async () => {
      const busy = await limited.token("burst", "operator");
      const other = await limited.token("burst", "operator");
      for (let request = 1; request <= 5; request++) {
        expect((await postQuery(limited, busy, "{ __typename }")).status, `request ${request}`).toBe(200);
      }

      const response = await fetch(`${limited.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${busy}` },
        body: JSON.stringify({ query: INGEST, variables: { input: reportInput("over-the-limit", 1) } }),
      });
      expect(response.status).toBe(429);
      const retryAfter = Number(response.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter)).toBe(true);
      // One request comes back every 60 / 5 = 12 s.
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(12);
      expect(await response.json()).toEqual({
        error: "RATE_LIMITED",
        message: `Too many requests for this token: at most 5 a minute. Retry in ${retryAfter} s.`,
        retryAfter,
      });

      // The other token of the same organization gets through, and sees that the refused ingest never ran.
      const answer = await postQuery(limited, other, `{ reports { totalCount } }`);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { reports: { totalCount: 0 } } });
    });
  });
});
