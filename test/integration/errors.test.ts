import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { backends } from "../support/backends.js";
import { INGEST, reportInput } from "../support/fixtures.js";
import { initialisedSocket, openRawSocket, operate, type RawSocket } from "../support/raw-socket.js";
import { startTestServer, type TestServer } from "../support/server.js";

const MASKED = "Internal server error; it has been logged. Retry, and contact support if it persists.";

/** What no answer may carry: SQL, driver and ORM text, table names, stack frames, file paths. */
const LEAKS = /select|insert|update |relation|api_tokens|reports_hidden|postgres|pglite|drizzle|failed query|params|stack|\.ts:\d|node_modules/i;

const REPORTS = `{ reports { totalCount } }`;
const STATUS_CHANGED = `subscription($reportId: ID) { exportStatusChanged(reportId: $reportId) { cursor } }`;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

/** Operations that fail for a reason the caller can act on, with the code and message they keep on both transports. */
const knownErrors: { name: string; role: "viewer" | "operator"; query: string; variables: Record<string, unknown>; code: string; message: string }[] = [
  {
    name: "NOT_FOUND for a report id that names nothing",
    role: "viewer",
    query: `query($id: ID!) { exportSources(reportId: $id) { totalCount } }`,
    variables: { id: UNKNOWN_ID },
    code: "NOT_FOUND",
    message: `No report with id "${UNKNOWN_ID}" in your organization.`,
  },
  {
    name: "BAD_USER_INPUT naming the field for an ingest with a javascript: URL",
    role: "operator",
    query: INGEST,
    variables: { input: reportInput("bad-url", 1, { siteUrl: "javascript:alert(1)" }) },
    code: "BAD_USER_INPUT",
    message: "input.siteUrl: must be an http(s) URL, got a javascript URL.",
  },
  {
    name: "BAD_USER_INPUT for a variable that is not a value of its enum",
    role: "operator",
    query: `query($severity: Severity!) { reports { edges { node { sources(filter: { severity: [$severity] }) { totalCount } } } } }`,
    variables: { severity: "SEVERE" },
    code: "BAD_USER_INPUT",
    message: 'Variable "$severity" got invalid value; Value "SEVERE" does not exist in "Severity" enum.',
  },
  {
    name: "FORBIDDEN for a viewer who ingests",
    role: "viewer",
    query: INGEST,
    variables: { input: reportInput("viewer-ingest", 1) },
    code: "FORBIDDEN",
    message: "",
  },
  {
    name: "IMPORT_BOUNDARY_NOT_ACKNOWLEDGED for an export without the acknowledgement",
    role: "operator",
    query: `mutation($input: PortableExportInput!) { createPortableExport(input: $input) { id } }`,
    variables: { input: { sourceIds: [UNKNOWN_ID], format: "CSV_EXPORT", acknowledgeImportBoundary: false } },
    code: "IMPORT_BOUNDARY_NOT_ACKNOWLEDGED",
    message: "",
  },
];

describe.each(backends)("safe errors on $name", (backend) => {
  let api: TestServer;
  const tokens = {} as Record<"viewer" | "operator", string>;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    api = await startTestServer(backend);
    tokens.viewer = await api.token("errors", "viewer");
    tokens.operator = await api.token("errors", "operator");
  });
  afterEach(() => {
    sockets.splice(0).forEach((socket) => socket.close());
    vi.restoreAllMocks();
  });
  afterAll(() => api?.close());

  const socket = async (token: string) => {
    const opened = await initialisedSocket(api.url, `Bearer ${token}`);
    sockets.push(opened);
    return opened;
  };

  /**
   * Runs `work` while the table `table` is renamed away under the running server, so that every statement reading it
   * fails in the driver with SQL text in its message; the table is back afterwards, whatever happens.
   */
  async function withoutTable<T>(table: "reports" | "api_tokens", work: () => Promise<T>): Promise<T> {
    const database = api.server.services.database;
    await database.rows(sql.raw(`alter table ${table} rename to ${table === "reports" ? "reports_hidden" : "api_tokens_hidden"}`));
    try {
      return await work();
    } finally {
      await database.rows(sql.raw(`alter table ${table === "reports" ? "reports_hidden" : "api_tokens_hidden"} rename to ${table}`));
    }
  }

  const expectMasked = (error: any, path: string[]) => {
    expect(error.message).toBe(MASKED);
    expect(error.path).toEqual(path);
    expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
  };

  describe("an internal error", () => {
    it("is masked on HTTP: INTERNAL_SERVER_ERROR, a generic message, no stack, SQL or driver text", async () => {
      const answer = await withoutTable("reports", () => api.graphql(tokens.viewer, REPORTS));
      expect(answer.data).toBeNull();
      expect(answer.errors).toHaveLength(1);
      expectMasked(answer.errors![0], ["reports"]);
      expect(JSON.stringify(answer)).not.toMatch(LEAKS);
      // The same query works again once the table is back: the failure was the database's, not the query's.
      expect(await api.ok(tokens.viewer, REPORTS)).toEqual({ reports: { totalCount: 0 } });
    });

    it("is masked the same way on the WebSocket, for a query and for a subscription", async () => {
      const ws = await socket(tokens.viewer);
      const [query, subscription] = await withoutTable("reports", async () => [
        await operate(ws, "query", REPORTS),
        await operate(ws, "subscription", STATUS_CHANGED, { reportId: UNKNOWN_ID }),
      ]);
      expect(query.results).toHaveLength(1);
      expect(query.results[0].data).toBeNull();
      expect(query.results[0].errors).toHaveLength(1);
      expectMasked(query.results[0].errors[0], ["reports"]);
      expect(subscription.results).toHaveLength(1);
      expect(subscription.results[0].errors).toHaveLength(1);
      expectMasked(subscription.results[0].errors[0], ["exportStatusChanged"]);
      expect(JSON.stringify([query, subscription])).not.toMatch(LEAKS);
      expect(ws.closedWith).toBeNull();
    });

    it("while authenticating an HTTP request is a 500 with a generic JSON body", async () => {
      const response = await withoutTable("api_tokens", () =>
        fetch(`${api.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${tokens.viewer}` },
          body: JSON.stringify({ query: REPORTS }),
        }),
      );
      expect(response.status).toBe(500);
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({ error: "INTERNAL_SERVER_ERROR", message: "Internal server error; it has been logged." });
      expect(body).not.toMatch(LEAKS);
    });

    it("while authenticating a WebSocket closes it 4500 with a generic reason, and prints no SQL to the console", async () => {
      const printed = vi.spyOn(console, "error");
      const open = await socket(tokens.viewer);
      const fresh = await openRawSocket(api.url);
      sockets.push(fresh);
      const [atInit, atSubscribe] = await withoutTable("api_tokens", async () => {
        fresh.send({ type: "connection_init", payload: { authorization: `Bearer ${tokens.viewer}` } });
        return [await fresh.closed(), await operate(open, "1", "{ __typename }")];
      });
      expect(atInit).toEqual({ code: 4500, reason: "Internal server error" });
      expect(fresh.messages).toEqual([]);
      expect(atSubscribe).toEqual({ results: [], errors: null, completed: false, closeCode: 4500 });
      expect(open.closedWith).toEqual({ code: 4500, reason: "Internal server error" });
      expect(printed.mock.calls.length).toBeGreaterThan(0);
      expect(printed.mock.calls.map((call) => call.map(String).join(" ")).join("\n")).not.toMatch(LEAKS);
    });
  });

  describe("a known error keeps its code and message, the same on both transports", () => {
    it.each(knownErrors)("$name", async ({ role, query, variables, code, message }) => {
      const overHttp = await api.graphql(tokens[role], query, variables);
      expect(overHttp.errors).toHaveLength(1);
      const [error] = overHttp.errors!;
      expect(error.extensions?.code).toBe(code);
      if (message) expect(error.message).toBe(message);
      expect(error.message).not.toBe(MASKED);
      expect(Object.keys(error.extensions!)).not.toContain("stacktrace");
      expect(JSON.stringify(overHttp)).not.toMatch(LEAKS);

      const overWs = await operate(await socket(tokens[role]), "1", query, variables);
      expect(overWs.results).toHaveLength(1);
      expect(overWs.results[0].errors).toEqual(overHttp.errors);
      expect(overWs.results[0].data).toEqual(overHttp.data);
    });

    it("UNAUTHENTICATED for an HTTP request without a token, saying how to send one", async () => {
      const answer = await api.graphql(null, REPORTS);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0].extensions).toEqual({ code: "UNAUTHENTICATED" });
      expect(answer.errors![0].message).toBe("Send an API token as `Authorization: Bearer <token>` (npm run token).");
    });

    it("NOT_FOUND on a subscription to a report that names nothing, on the WebSocket", async () => {
      const answered = await operate(await socket(tokens.viewer), "1", STATUS_CHANGED, { reportId: UNKNOWN_ID });
      expect(answered.results).toEqual([
        {
          errors: [
            {
              message: `No report with id "${UNKNOWN_ID}" in your organization.`,
              locations: [{ line: 1, column: 31 }],
              path: ["exportStatusChanged"],
              extensions: { id: UNKNOWN_ID, code: "NOT_FOUND" },
            },
          ],
        },
      ]);
      expect(answered.completed).toBe(true);
    });
  });
});
