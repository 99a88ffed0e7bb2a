import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import type { Client } from "graphql-ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/vocabulary.js";
import { buildApiSchema } from "../../src/schema.js";
import { backends } from "../support/backends.js";
import { STATUS_CHANGED } from "../support/export-status.js";
import { startFakeTracker, type FakeTracker } from "../support/fake-trackers/index.js";
import { INGEST, reportInput } from "../support/fixtures.js";
import { download, sha256 } from "../support/portable.js";
import { CONNECT, CREATE_PORTABLE, EVALUATE, SELF_HOSTED } from "../support/provider-export.js";
import { startTestServer, type GraphQLResponse, type TestServer } from "../support/server.js";
import {
  codes,
  operationOf,
  organizationIdOf,
  organizationRows,
  rootFields,
  transportsOf,
  wsExecute,
  type RootField,
  type Transport,
} from "../support/tenancy.js";
import { subscribe, wsClient } from "../support/ws-client.js";

/**
 * Roles on every operation (issue 7, point 1), generated from the schema's Query, Mutation and Subscription fields
 * plus the download route: each is called without a token and as a viewer, an operator and an admin, and must run
 * for the roles the table allows, be FORBIDDEN (changing nothing) for the others and UNAUTHENTICATED without a token.
 */
const schema = await buildApiSchema();
const FIELDS = rootFields(schema);
const DOWNLOAD = "GET /exports/:id/download";

/** The least role each operation needs: viewer < operator < admin. An operation missing here fails the suite. */
const REQUIRED: Record<string, Role> = {
  "Query.apiTokens": "admin",
  "Query.duplicateKey": "viewer",
  "Query.exportSource": "viewer",
  "Query.exportSources": "viewer",
  "Query.exportStatusEvents": "viewer",
  "Query.portableExport": "viewer",
  "Query.portableExports": "viewer",
  "Query.providerTargets": "viewer",
  "Query.report": "viewer",
  "Query.reports": "viewer",
  "Query.session": "viewer",
  "Mutation.ingestReport": "operator",
  "Mutation.evaluateFallback": "operator",
  "Mutation.previewPortableExport": "operator",
  "Mutation.createPortableExport": "operator",
  "Mutation.exportToProvider": "operator",
  "Mutation.connectProviderTarget": "admin",
  "Mutation.updateProviderTarget": "admin",
  "Mutation.disconnectProviderTarget": "admin",
  "Mutation.createApiToken": "admin",
  "Mutation.revokeApiToken": "admin",
  "Subscription.exportStatusChanged": "viewer",
  [DOWNLOAD]: "viewer",
};

/** What a call should come to: it runs, or it is refused with this code. */
type Outcome = "runs" | "FORBIDDEN" | "UNAUTHENTICATED";

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const CALLERS: { who: string; role: Role | null }[] = [
  { who: "without a token", role: null },
  { who: "a viewer", role: "viewer" },
  { who: "an operator", role: "operator" },
  { who: "an admin", role: "admin" },
];

const OPERATIONS = [...FIELDS.map((field) => field.key), DOWNLOAD];
const CASES = OPERATIONS.flatMap((operation) => {
  const field = FIELDS.find((candidate) => candidate.key === operation);
  const transports: Transport[] = field ? transportsOf(field) : ["HTTP"];
  return transports.flatMap((transport) =>
    CALLERS.map(({ who, role }) => {
      const required = REQUIRED[operation] as Role | undefined;
      const title =
        required === undefined
          ? `has a role for ${operation} (${who} over ${transport})`
          : role === null
            ? `refuses ${operation} over ${transport} without a token as unauthenticated, changing nothing`
            : RANK[role] >= RANK[required]
              ? `lets ${who} run ${operation} over ${transport}`
              : `refuses ${operation} over ${transport} to ${who} as forbidden, changing nothing`;
      return { title, operation, transport, role, required };
    }),
  );
});

const REPORT = `query($id: ID!) { report(id: $id) { id } }`;
const CREATE_TOKEN = `mutation($role: String!) { createApiToken(role: $role) { token apiToken { id role revokedAt } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`;

const runCli = promisify(execFile);

describe.each(backends)("roles on every operation on $name", (backend) => {
  const run = randomBytes(4).toString("hex");
  const org = `roles-${run}`;
  let api: TestServer;
  let fake: FakeTracker;
  const clients: Client[] = [];
  const tokens = {} as Record<Role, string>;
  let organizationId = "";
  let reportId = "";
  let sourceIds: string[] = [];
  let fingerprint = "";
  let targetId = "";
  let exportId = "";
  let made = 0;

  const externalId = `roles-scan-${run}`;
  const ws = (token: string | null) => {
    const client = wsClient(api.url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    api = await startTestServer(backend, SELF_HOSTED);
    fake = await startFakeTracker("GITHUB");
    for (const role of ["viewer", "operator", "admin"] as const) tokens[role] = await api.token(org, role);
    organizationId = await organizationIdOf(api, org);
    targetId = (await api.ok(tokens.admin, CONNECT, { input: { ...fake.connection, name: "Roles tracker" } })).connectProviderTarget.id;
    reportId = (await api.ok(tokens.operator, INGEST, { input: reportInput(externalId, 4) })).ingestReport.id;
    const { exportSources } = await api.ok(
      tokens.viewer,
      `query($reportId: ID!) { exportSources(reportId: $reportId) { edges { node { id duplicateKey { fingerprint } } } } }`,
      { reportId },
    );
    sourceIds = exportSources.edges.map((edge: any) => edge.node.id);
    fingerprint = exportSources.edges[0].node.duplicateKey.fingerprint;
    // Sources 1 to 3 go out as files (the customer asked), source 0 natively: every operation has a way to succeed.
    await api.ok(tokens.operator, EVALUATE, { sourceIds: sourceIds.slice(1), requirePortable: true, reason: "The customer imports CSV." });
    exportId = (
      await api.ok(tokens.operator, CREATE_PORTABLE, { input: { sourceIds: [sourceIds[1]], format: "CSV_EXPORT", acknowledgeImportBoundary: true } })
    ).createPortableExport.id;
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await fake?.close();
    await api?.close();
  });

  /**
   * Variables that make each operation succeed for a role allowed to run it; what they need (a target to
   * disconnect, a token to revoke) is made by the admin beforehand.
   */
  const VARIABLES: Record<string, () => Promise<Record<string, unknown>>> = {
    "Query.apiTokens": async () => ({}),
    "Query.duplicateKey": async () => ({ fingerprint }),
    "Query.exportSource": async () => ({ id: sourceIds[0] }),
    "Query.exportSources": async () => ({ reportId }),
    "Query.exportStatusEvents": async () => ({ reportId }),
    "Query.portableExport": async () => ({ id: exportId }),
    "Query.portableExports": async () => ({ reportId }),
    "Query.providerTargets": async () => ({}),
    "Query.report": async () => ({ id: reportId }),
    "Query.reports": async () => ({}),
    "Query.session": async () => ({}),
    "Mutation.ingestReport": async () => ({ input: reportInput(externalId, 4) }),
    "Mutation.evaluateFallback": async () => ({ sourceIds: [sourceIds[0]] }),
    "Mutation.previewPortableExport": async () => ({
      input: { sourceIds: [sourceIds[2]], format: "PORTABLE_EXPORT", acknowledgeImportBoundary: true },
    }),
    "Mutation.createPortableExport": async () => ({
      input: { sourceIds: [sourceIds[2], sourceIds[3]], format: "CSV_EXPORT", acknowledgeImportBoundary: true },
    }),
    "Mutation.exportToProvider": async () => ({ input: { sourceIds: [sourceIds[0]], targetId, onDuplicate: "UPDATE" } }),
    "Mutation.connectProviderTarget": async () => ({ input: { ...fake.connection, name: `Tracker ${++made}` } }),
    "Mutation.updateProviderTarget": async () => ({ id: targetId, input: { name: `Roles tracker ${++made}` } }),
    "Mutation.disconnectProviderTarget": async () => ({
      id: (await api.ok(tokens.admin, CONNECT, { input: { ...fake.connection, name: `Spare tracker ${++made}` } })).connectProviderTarget.id,
    }),
    "Mutation.createApiToken": async () => ({ role: "viewer" }),
    "Mutation.revokeApiToken": async () => ({ id: (await api.ok(tokens.admin, CREATE_TOKEN, { role: "viewer" })).createApiToken.apiToken.id }),
    "Subscription.exportStatusChanged": async () => ({ reportId, after: "0" }),
  };

  /** Calls a schema field as `token` (none when null) over its transport and checks the outcome `role` should get. */
  async function callField(field: RootField, transport: Transport, token: string | null, outcome: Outcome) {
    const prepare = VARIABLES[field.key];
    if (!prepare) throw new Error(`add variables for ${field.key} to VARIABLES in test/integration/roles.test.ts`);
    const variables = await prepare();
    const document = operationOf(field, 2);
    const before = await organizationRows(api, organizationId);

    if (field.root === "Subscription") {
      const feed = subscribe(ws(token), document, variables, field.name);
      if (outcome === "runs") {
        const [event] = await feed.take(1);
        expect(event).toMatchObject({ cursor: expect.any(String) });
        expect(feed.errors).toEqual([]);
        feed.stop();
        return;
      }
      await feed.end();
      expect(feed.received).toEqual([]);
      if (outcome === "UNAUTHENTICATED") {
        // A socket without a valid token is refused at connection_init, before any operation: 4403.
        expect(feed.closeCode).toBe(4403);
      } else {
        expect(feed.closeCode).toBeNull();
        expect(feed.errors.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
      }
    } else if (transport === "WebSocket") {
      const { response, closeCode } = await wsExecute(ws(token), document, variables);
      if (outcome === "UNAUTHENTICATED") {
        // A socket without a valid token is refused at connection_init, before any operation: 4403.
        expect(closeCode).toBe(4403);
        expect(response).toBeNull();
      } else {
        expect(closeCode).toBeNull();
        checkResponse(field, response!, outcome);
        if (outcome === "runs") return;
      }
    } else {
      const response = await api.graphql(token, document, variables);
      checkResponse(field, response, outcome);
      if (outcome === "runs") return;
    }
    expect(await organizationRows(api, organizationId), "nothing of the organization changed").toEqual(before);
  }

  /** A query's or mutation's result, the same over either transport: a value, or one error with the code. */
  function checkResponse(field: RootField, response: GraphQLResponse, outcome: Outcome) {
    if (outcome === "runs") {
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      expect(response.data?.[field.name]).not.toBeNull();
      expect(response.data?.[field.name]).toBeDefined();
      return;
    }
    expect(codes(response)).toEqual([outcome]);
    expect(response.errors![0].path).toEqual([field.name]);
    expect(response.data?.[field.name] ?? null).toBeNull();
  }

  async function callDownload(token: string | null, outcome: Outcome) {
    const file = await download(api, token, exportId);
    if (outcome === "runs") {
      expect(file.status).toBe(200);
      expect(file.headers.get("etag")).toBe(`"${sha256(file.bytes)}"`);
      return;
    }
    expect(file.status).toBe(outcome === "FORBIDDEN" ? 403 : 401);
    expect(file.json).toMatchObject({ error: outcome });
  }

  it("has a role for every Query, Mutation and Subscription field and the download route, and none for one that is gone", () => {
    expect(OPERATIONS.filter((operation) => !(operation in REQUIRED)).map((operation) => `add a role for ${operation}`)).toEqual([]);
    expect(Object.keys(REQUIRED).filter((operation) => !OPERATIONS.includes(operation))).toEqual([]);
  });

  it.each(CASES.map((entry) => [entry.title, entry] as const))("%s", async (_title, { operation, transport, role, required }) => {
    if (required === undefined) throw new Error(`add a role for ${operation} to REQUIRED in test/integration/roles.test.ts`);
    const outcome: Outcome = role === null ? "UNAUTHENTICATED" : RANK[role] >= RANK[required] ? "runs" : "FORBIDDEN";
    const token = role === null ? null : tokens[role];
    if (operation === DOWNLOAD) return callDownload(token, outcome);
    await callField(FIELDS.find((field) => field.key === operation)!, transport, token, outcome);
  });

  /** A new operator token of the organization, with its id. */
  async function freshToken() {
    const { createApiToken } = await api.ok(tokens.admin, CREATE_TOKEN, { role: "operator" });
    expect(await api.ok(createApiToken.token, REPORT, { id: reportId })).toEqual({ report: { id: reportId } });
    return { token: createApiToken.token as string, id: createApiToken.apiToken.id as string };
  }

  /** A subscription open with `token` that has received an event, so its socket is up and acknowledged. */
  async function openFeed(token: string) {
    const feed = subscribe(ws(token), STATUS_CHANGED, { reportId, after: "0" }, "exportStatusChanged");
    await feed.take(1);
    return feed;
  }

  /** What a revoked token gets on HTTP at once: UNAUTHENTICATED on a query and a mutation, 401 on a download. */
  async function expectRevoked(token: string) {
    const query = await api.graphql(token, REPORT, { id: reportId });
    expect(codes(query)).toEqual(["UNAUTHENTICATED"]);
    expect(query.data).toEqual({ report: null });
    const mutation = await api.graphql(token, INGEST, { input: reportInput(externalId, 4) });
    expect(codes(mutation)).toEqual(["UNAUTHENTICATED"]);
    expect(mutation.data).toBeNull();
    const file = await download(api, token, exportId);
    expect(file.status).toBe(401);
    expect(file.json).toMatchObject({ error: "UNAUTHENTICATED" });
    const again = subscribe(ws(token), STATUS_CHANGED, { reportId, after: "0" }, "exportStatusChanged");
    await again.end();
    expect(again.closeCode).toBe(4403);
    expect(again.received).toEqual([]);
  }

  it.each(["owner", "constructor", "toString", "__proto__"])("refuses to create a token with the role %j as BAD_USER_INPUT", async (role) => {
    const result = await api.graphql(tokens.admin, CREATE_TOKEN, { role });
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0].message).toMatch(/^role: must be viewer, operator or admin/);
  });

  it("stops a token revoked with revokeApiToken on HTTP at once and closes its open WebSocket with 4403", async () => {
    const { token, id } = await freshToken();
    const feed = await openFeed(token);
    const bystander = await openFeed(tokens.viewer);

    const { revokeApiToken } = await api.ok(tokens.admin, REVOKE, { id });
    expect(revokeApiToken).toEqual({ id, revokedAt: expect.any(String) });

    await expectRevoked(token);
    await feed.end();
    expect(feed.closeCode).toBe(4403);
    // Other tokens, and their sockets, go on working.
    expect(await api.ok(tokens.viewer, REPORT, { id: reportId })).toEqual({ report: { id: reportId } });
    expect(bystander.ended).toBe(false);
    expect(bystander.closeCode).toBeNull();
    const { apiTokens } = await api.ok(tokens.admin, `{ apiTokens { id revokedAt } }`);
    expect(apiTokens.filter((listed: any) => listed.id === id)).toEqual([{ id, revokedAt: revokeApiToken.revokedAt }]);
    // Revoking it again changes nothing.
    expect((await api.ok(tokens.admin, REVOKE, { id })).revokeApiToken).toEqual(revokeApiToken);
  });

  /** `npm run token -- revoke --id <id>` against this server's database, as an operator runs it. */
  async function revokeWithCli(id: string) {
    const env: NodeJS.ProcessEnv = { ...process.env, ...api.env };
    if (!api.env.DATABASE_URL) delete env.DATABASE_URL;
    const { stdout } = await runCli("npm", ["run", "--silent", "token", "--", "revoke", "--id", id], { cwd: process.cwd(), env });
    // The first revocation says so; a second one says when the first happened.
    expect(stdout.trim().split("\n").at(-1)).toMatch(new RegExp(`^(revoked token ${id}|token ${id} was already revoked at \\S+)$`));
  }

  it.runIf(backend.name === "postgres")(
    "stops a token revoked with `npm run token -- revoke` on HTTP at once and closes its open WebSocket with 4403",
    async () => {
      const { token, id } = await freshToken();
      const feed = await openFeed(token);

      await revokeWithCli(id);

      await expectRevoked(token);
      await feed.end();
      expect(feed.closeCode).toBe(4403);
      expect(await api.ok(tokens.operator, REPORT, { id: reportId })).toEqual({ report: { id: reportId } });
    },
  );

  /** Runs the CLI as an operator can: live on PostgreSQL; on PGlite, whose folder is one process's, with the service stopped. */
  async function revokeWithCliAsDeployed(id: string) {
    if (backend.name === "postgres") return revokeWithCli(id);
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await api.server.close();
    await revokeWithCli(id);
    api = await api.restart();
  }

  it.runIf(backend.name === "pglite")(
    "stops a token revoked with `npm run token -- revoke` while the service is stopped, once it is back",
    async () => {
      const { token, id } = await freshToken();

      await revokeWithCliAsDeployed(id);

      await expectRevoked(token);
      expect(await api.ok(tokens.operator, REPORT, { id: reportId })).toEqual({ report: { id: reportId } });
    },
  );

  it("keeps the revocation time of a revoked token when `npm run token -- revoke` is run on it again, as revokeApiToken does", async () => {
    const { token, id } = await freshToken();
    const { revokeApiToken } = await api.ok(tokens.admin, REVOKE, { id });

    await revokeWithCliAsDeployed(id);

    const { apiTokens } = await api.ok(tokens.admin, `{ apiTokens { id revokedAt } }`);
    expect(apiTokens.filter((listed: any) => listed.id === id)).toEqual([{ id, revokedAt: revokeApiToken.revokedAt }]);
    await expectRevoked(token);
  });
});
