import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Client } from "graphql-ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildApiSchema } from "../../src/schema.js";
import { backends } from "../support/backends.js";
import { liveSubscriptions, logOfLength, moves, statusLog } from "../support/export-status.js";
import { startFakeTracker, type FakeTracker } from "../support/fake-trackers/index.js";
import { INGEST } from "../support/fixtures.js";
import { download } from "../support/portable.js";
import { CONNECT, CREATE_PORTABLE, EVALUATE, EXPORT_TO_PROVIDER, SELF_HOSTED } from "../support/provider-export.js";
import { startTestServer, type GraphQLResponse, type TestServer } from "../support/server.js";
import {
  codes,
  operationOf,
  organizationIdOf,
  organizationIds,
  organizationRows,
  rootFields,
  transportsOf,
  uuidsIn,
  wsExecute,
  type RootField,
  type Transport,
} from "../support/tenancy.js";
import { subscribe, wsClient } from "../support/ws-client.js";

/**
 * The cross-tenant matrix (issue 7, point 2). Every Query, Mutation and Subscription field of the schema is looked up
 * in `matrix` below and called by organization B (an admin, so that roles are not what stops it) with organization
 * A's ids. Whatever the field answers, nothing of A's may come back and nothing of A's may change.
 */
const schema = await buildApiSchema();
const FIELDS = rootFields(schema);

/**
 * What "nothing of A's" means for one call:
 * - `null`: no error, and the field is null;
 * - `NOT_FOUND`: one NOT_FOUND error on the field, and no value;
 * - `own`: no error, and a value made only of B's own data (every id in it is one of B's rows).
 */
type Nothing = "null" | "NOT_FOUND" | "own";

interface Probe {
  /** What B tries, as a phrase. */
  tries: string;
  variables: () => Record<string, unknown>;
  expect: Nothing;
  /** Checks on the field's value beyond the generic ones. */
  check?: (value: any) => Promise<void> | void;
  /** Subscriptions only: runs the probe instead of the default "subscribe and wait for the end". */
  run?: (field: RootField, variables: Record<string, unknown>) => Promise<GraphQLResponse>;
}

/** Ingest input of one organization: `prefix` makes every title, URL and scanner id its own. */
function scanInput(externalId: string, prefix: string, count: number, site: string) {
  return {
    externalId,
    title: `${prefix} quarterly scan`,
    siteUrl: site,
    sources: Array.from({ length: count }, (_, index) => ({
      sourceType: index % 2 === 0 ? "REPORT_ISSUE" : "FIX_TASK",
      sourceId: `${prefix}-src-${index}`,
      title: `${prefix} finding number ${index}`,
      severity: "HIGH",
      affectedUrl: `${site}/page/${index}`,
      labels: ["web"],
      acceptanceCriteria: [`${prefix} criterion ${index}`],
      description: `${prefix} description of finding ${index}.`,
      evidenceLinks: [{ label: "Screenshot", url: `${site}/evidence/${index}.png` }],
    })),
  };
}

const SOURCE_IDS = `query($reportId: ID!) { exportSources(reportId: $reportId, first: 100) { edges { node { id duplicateKey { id fingerprint label } } } } }`;
const CREATE_TOKEN = `mutation($role: String!) { createApiToken(role: $role) { token apiToken { id prefix } } }`;
const CREATE_KEYED = `mutation($input: PortableExportInput!) { createPortableExport(input: $input) { id sha256 } }`;

describe.each(backends)("the cross-tenant matrix on $name", (backend) => {
  const run = randomBytes(4).toString("hex");
  let api: TestServer;
  let fakeA: FakeTracker;
  let fakeB: FakeTracker;
  const clients: Client[] = [];

  /** Organization A: everything B must never see or touch. */
  const A = {
    slug: `tm-alpha-${run}`,
    organizationId: "",
    admin: "",
    viewer: "",
    viewerTokenId: "",
    adminTokenId: "",
    externalId: `tm-alpha-scan-${run}`,
    prefix: `Zebrafish${run}`,
    reportId: "",
    reportCursor: "",
    sourceIds: [] as string[],
    fingerprints: [] as string[],
    labels: [] as string[],
    targetId: "",
    exportId: "",
    firstEventCursor: "",
    idempotencyKey: `tm-shared-key-${run}`,
    /** Every distinctive value of A's: ids, fingerprints, titles, tokens, the tracker credential... */
    markers: [] as string[],
    /** A's rows as seeded. */
    seeded: {} as Record<string, string[]>,
    /** Requests fake A had received once A was seeded. */
    trackerRequests: 0,
  };
  /** Organization B: the caller. */
  const B = {
    slug: `tm-beta-${run}`,
    organizationId: "",
    admin: "",
    externalId: `tm-beta-scan-${run}`,
    prefix: `Okapi${run}`,
    reportId: "",
    sourceIds: [] as string[],
    targetId: "",
  };

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await fakeA?.close();
    await fakeB?.close();
    await api?.close();
  });

  const ws = (token: string) => {
    const client = wsClient(api.url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    api = await startTestServer(backend, SELF_HOSTED);
    fakeA = await startFakeTracker("GITHUB", { credential: `ghp_alphaCredential${run}0123456789`, projectKey: `alpha-${run}/web` });
    fakeB = await startFakeTracker("GITHUB", { credential: `ghp_betaCredential${run}0123456789`, projectKey: `beta-${run}/web` });

    // Organization A: a report, its sources, a provider target on a fake tracker, fallback decisions, a portable
    // export (idempotency key and all) downloaded once, a ticket export, status events and a second API token.
    A.admin = await api.token(A.slug, "admin");
    A.organizationId = await organizationIdOf(api, A.slug);
    const ingested = await api.ok(A.admin, INGEST, {
      input: scanInput(A.externalId, A.prefix, 3, `https://alpha-${run}.example.com`),
    });
    A.reportId = ingested.ingestReport.id;
    const sources = (await api.ok(A.admin, SOURCE_IDS, { reportId: A.reportId })).exportSources.edges.map((edge: any) => edge.node);
    A.sourceIds = sources.map((source: any) => source.id);
    A.fingerprints = sources.map((source: any) => source.duplicateKey.fingerprint);
    A.labels = sources.map((source: any) => source.duplicateKey.label);
    A.reportCursor = (await api.ok(A.admin, `{ reports(first: 1) { edges { cursor } } }`)).reports.edges[0].cursor;
    A.targetId = (await api.ok(A.admin, CONNECT, { input: { ...fakeA.connection, name: `${A.prefix} tracker` } })).connectProviderTarget.id;
    await api.ok(A.admin, EVALUATE, {
      sourceIds: A.sourceIds.slice(1),
      requirePortable: true,
      reason: `${A.prefix} customer asked for a spreadsheet`,
    });
    A.exportId = (
      await api.ok(A.admin, CREATE_KEYED, {
        input: { sourceIds: A.sourceIds.slice(1), format: "CSV_EXPORT", acknowledgeImportBoundary: true, idempotencyKey: A.idempotencyKey },
      })
    ).createPortableExport.id;
    expect((await download(api, A.admin, A.exportId)).status).toBe(200);
    const [ticket] = (
      await api.ok(A.admin, EXPORT_TO_PROVIDER, { input: { sourceIds: [A.sourceIds[0]], targetId: A.targetId, onDuplicate: "UPDATE" } })
    ).exportToProvider;
    expect(ticket.action).toBe("CREATED");
    const created = (await api.ok(A.admin, CREATE_TOKEN, { role: "viewer" })).createApiToken;
    A.viewer = created.token;
    A.viewerTokenId = created.apiToken.id;
    const tokens = (await api.ok(A.admin, `{ apiTokens { id prefix } }`)).apiTokens;
    A.adminTokenId = tokens.find((token: any) => A.admin.startsWith(token.prefix)).id;
    const log = await logOfLength(api, A.admin, A.reportId, 6);
    A.firstEventCursor = log[0].cursor;

    // Organization B: its own report, target (on another fake), decisions and export, and so its own events.
    B.admin = await api.token(B.slug, "admin");
    B.organizationId = await organizationIdOf(api, B.slug);
    B.reportId = (await api.ok(B.admin, INGEST, { input: scanInput(B.externalId, B.prefix, 5, `https://beta-${run}.example.com`) }))
      .ingestReport.id;
    B.sourceIds = (await api.ok(B.admin, SOURCE_IDS, { reportId: B.reportId })).exportSources.edges.map((edge: any) => edge.node.id);
    B.targetId = (await api.ok(B.admin, CONNECT, { input: { ...fakeB.connection, name: `${B.prefix} tracker` } })).connectProviderTarget.id;
    await api.ok(B.admin, EVALUATE, { sourceIds: B.sourceIds.slice(1), requirePortable: true, reason: `${B.prefix} wants files` });
    await api.ok(B.admin, CREATE_PORTABLE, { input: { sourceIds: [B.sourceIds[1]], format: "CSV_EXPORT", acknowledgeImportBoundary: true } });

    // What B must never see: every id of A's rows and every distinctive value A stored, read from the database.
    const { rows } = api.server.services.database;
    const texts = await rows<{ value: string | null }>(sql`
      select fingerprint as value from duplicate_keys where organization_id = ${A.organizationId}
      union all select label from duplicate_keys where organization_id = ${A.organizationId}
      union all select title from export_sources where organization_id = ${A.organizationId}
      union all select description from export_sources where organization_id = ${A.organizationId}
      union all select affected_url from export_sources where organization_id = ${A.organizationId}
      union all select title from reports where organization_id = ${A.organizationId}
      union all select site_url from reports where organization_id = ${A.organizationId}
      union all select name from provider_targets where organization_id = ${A.organizationId}
      union all select base_url from provider_targets where organization_id = ${A.organizationId}
      union all select project_key from provider_targets where organization_id = ${A.organizationId}
      union all select sha256 from portable_exports where organization_id = ${A.organizationId}
      union all select file_name from portable_exports where organization_id = ${A.organizationId}
      union all select external_url from ticket_exports where organization_id = ${A.organizationId}
      union all select prefix from api_tokens where organization_id = ${A.organizationId}
      union all select requirement_reason from fallback_decisions where organization_id = ${A.organizationId}
    `);
    A.markers = [
      ...new Set([
        ...(await organizationIds(api, A.organizationId)),
        ...texts.map((row) => row.value).filter((value): value is string => value !== null),
        A.slug,
        A.admin,
        A.viewer,
        fakeA.credential,
        A.prefix,
      ]),
    ].filter((marker) => marker.length >= 8);
    expect(A.markers.length).toBeGreaterThan(30);
    A.seeded = await organizationRows(api, A.organizationId);
    A.trackerRequests = fakeA.requests.length;
  });

  /** B's answer holds nothing of A's: no marker B did not send itself, and no id that is not one of B's rows. */
  async function expectNothingOfA(response: GraphQLResponse, sent: string) {
    const answer = JSON.stringify(response);
    expect(
      A.markers.filter((marker) => !sent.includes(marker) && answer.includes(marker)),
      "values of organization A in B's answer",
    ).toEqual([]);
    const mine = await organizationIds(api, B.organizationId);
    expect(uuidsIn(response.data).filter((id) => !mine.has(id)), "ids in the data that are not B's").toEqual([]);
    expect(
      uuidsIn(response.errors).filter((id) => !mine.has(id) && !sent.includes(id)),
      "ids in the errors that B did not send",
    ).toEqual([]);
  }

  /** A subscription that should be refused: it ends, and what it got is returned as a response. */
  async function subscribeUntilEnd(field: RootField, variables: Record<string, unknown>): Promise<GraphQLResponse> {
    const feed = subscribe(ws(B.admin), operationOf(field), variables, field.name);
    await feed.end();
    expect(feed.closeCode).toBeNull();
    return { data: feed.received.length ? { [field.name]: feed.received } : null, errors: feed.errors.length ? feed.errors : undefined };
  }

  /** A query or mutation sent by B over graphql-ws: the socket must stay open and the result come back. */
  async function overWebSocket(field: RootField, variables: Record<string, unknown>): Promise<GraphQLResponse> {
    const { response, closeCode } = await wsExecute(ws(B.admin), operationOf(field), variables);
    expect(closeCode).toBeNull();
    expect(response).not.toBeNull();
    return response!;
  }

  /** B's answer to a call over `transport`, with the generic checks of its expectation. */
  async function probe(field: RootField, entry: Probe, transport: Transport) {
    const variables = entry.variables();
    const sent = JSON.stringify(variables);
    const beforeA = await organizationRows(api, A.organizationId);
    const beforeB = await organizationRows(api, B.organizationId);

    const response =
      field.root === "Subscription"
        ? await (entry.run ?? subscribeUntilEnd)(field, variables)
        : transport === "WebSocket"
          ? await overWebSocket(field, variables)
          : await api.graphql(B.admin, operationOf(field), variables);

    const value = response.data?.[field.name] ?? null;
    switch (entry.expect) {
      case "null":
        expect(response.errors, "no error, just nothing").toBeUndefined();
        expect(response.data).toEqual({ [field.name]: null });
        break;
      case "NOT_FOUND":
        expect(codes(response)).toEqual(["NOT_FOUND"]);
        expect(response.errors![0].path ?? [field.name]).toEqual([field.name]);
        expect(value).toBeNull();
        break;
      case "own":
        expect(response.errors, "no error").toBeUndefined();
        expect(value).not.toBeNull();
        break;
    }
    await expectNothingOfA(response, sent);
    await entry.check?.(value);
    expect(await organizationRows(api, A.organizationId), "organization A's rows after the call").toEqual(beforeA);
    if (entry.expect !== "own") {
      expect(await organizationRows(api, B.organizationId), "a refused call changes nothing of B's either").toEqual(beforeB);
    }
  }

  const idsOf = async (table: string, organizationId: string) =>
    (
      await api.server.services.database.rows<{ id: string }>(
        sql`select id::text as id from ${sql.raw(table)} where organization_id = ${organizationId} order by 1`,
      )
    ).map((row) => row.id);
  const organizationOf = async (table: string, id: string) =>
    (await api.server.services.database.rows<{ org: string }>(sql`select organization_id::text as org from ${sql.raw(table)} where id = ${id}`))[0]
      ?.org;

  /** Field -> how B calls it with A's ids, and what "nothing of A's" is for it. */
  const matrix: Record<string, Probe[]> = {
    "Query.apiTokens": [
      {
        tries: "lists API tokens",
        variables: () => ({}),
        expect: "own",
        check: async (tokens) => expect(tokens.map((token: any) => token.id).sort()).toEqual(await idsOf("api_tokens", B.organizationId)),
      },
    ],
    "Query.duplicateKey": [
      ...[0, 1, 2].map((index) => ({
        tries: `looks up A's fingerprint ${index}`,
        variables: () => ({ fingerprint: A.fingerprints[index] }),
        expect: "null" as const,
      })),
      { tries: "looks up A's label as a fingerprint", variables: () => ({ fingerprint: A.labels[0] }), expect: "null" },
    ],
    "Query.exportSource": [0, 1, 2].map((index) => ({
      tries: `reads A's source ${index}`,
      variables: () => ({ id: A.sourceIds[index] }),
      expect: "null" as const,
    })),
    "Query.exportSources": [
      { tries: "lists A's report's sources", variables: () => ({ reportId: A.reportId }), expect: "NOT_FOUND" },
      {
        tries: "lists A's report's sources through a filter matching everything",
        variables: () => ({ reportId: A.reportId, first: 500, filter: { severity: ["HIGH"], sourceType: ["REPORT_ISSUE", "FIX_TASK"] } }),
        expect: "NOT_FOUND",
      },
    ],
    "Query.exportStatusEvents": [
      { tries: "reads A's report's log", variables: () => ({ reportId: A.reportId }), expect: "NOT_FOUND" },
      { tries: "reads A's report's log from the start", variables: () => ({ reportId: A.reportId, after: "0", first: 1000 }), expect: "NOT_FOUND" },
      {
        tries: "reads its own report's log after A's first cursor",
        variables: () => ({ reportId: B.reportId, after: A.firstEventCursor }),
        expect: "own",
        check: async (events) => {
          const logged = await api.server.services.database.rows<{ id: string }>(
            sql`select id::text as id from export_status_events where report_id = ${B.reportId} order by id`,
          );
          expect(events.map((event: any) => event.cursor)).toEqual(logged.map((row) => row.id));
          expect(events.length).toBeGreaterThan(0);
        },
      },
    ],
    "Query.portableExport": [{ tries: "reads A's portable export", variables: () => ({ id: A.exportId }), expect: "null" }],
    "Query.portableExports": [{ tries: "lists A's report's files", variables: () => ({ reportId: A.reportId }), expect: "NOT_FOUND" }],
    "Query.providerTargets": [
      {
        tries: "lists provider targets",
        variables: () => ({}),
        expect: "own",
        check: async (targets) => expect(targets.map((target: any) => target.id).sort()).toEqual(await idsOf("provider_targets", B.organizationId)),
      },
    ],
    "Query.report": [{ tries: "reads A's report", variables: () => ({ id: A.reportId }), expect: "null" }],
    "Query.reports": [
      {
        tries: "lists reports",
        variables: () => ({ first: 500 }),
        expect: "own",
        check: async (page) => {
          const mine = await idsOf("reports", B.organizationId);
          expect(page.totalCount).toBe(mine.length);
          expect(page.edges.map((edge: any) => edge.node.id).sort()).toEqual(mine);
        },
      },
      {
        tries: "lists reports after A's report's cursor",
        variables: () => ({ first: 500, after: A.reportCursor }),
        expect: "own",
        check: async (page) => {
          const mine = await idsOf("reports", B.organizationId);
          expect(page.totalCount).toBe(mine.length);
          for (const edge of page.edges) expect(mine).toContain(edge.node.id);
        },
      },
    ],
    "Query.session": [
      {
        tries: "reads who its token is",
        variables: () => ({}),
        expect: "own",
        check: (session) => expect(session).toEqual({ organization: B.slug, role: "admin" }),
      },
    ],

    "Mutation.connectProviderTarget": [
      {
        tries: "connects a target of its own",
        variables: () => ({ input: { ...fakeB.connection, name: `${B.prefix} second tracker` } }),
        expect: "own",
        check: async (target) => {
          expect(target.state).toBe("ACTIVE");
          expect(await organizationOf("provider_targets", target.id)).toBe(B.organizationId);
        },
      },
    ],
    "Mutation.createApiToken": [
      {
        tries: "creates a token",
        variables: () => ({ role: "admin" }),
        expect: "own",
        check: async (created) => {
          expect(await organizationOf("api_tokens", created.apiToken.id)).toBe(B.organizationId);
          // The new token is B's: A's report does not exist for it either.
          expect(await api.graphql(created.token, `query($id: ID!) { report(id: $id) { id } }`, { id: A.reportId })).toEqual({
            data: { report: null },
          });
        },
      },
    ],
    "Mutation.createPortableExport": [
      {
        tries: "exports A's sources",
        variables: () => ({ input: { sourceIds: A.sourceIds.slice(1), format: "CSV_EXPORT", acknowledgeImportBoundary: true } }),
        expect: "NOT_FOUND",
      },
      {
        tries: "exports one of its sources with one of A's",
        variables: () => ({ input: { sourceIds: [B.sourceIds[2], A.sourceIds[1]], format: "JSON_EXPORT", acknowledgeImportBoundary: true } }),
        expect: "NOT_FOUND",
      },
      {
        tries: "replays A's exact request, idempotency key included",
        variables: () => ({
          input: { sourceIds: A.sourceIds.slice(1), format: "CSV_EXPORT", acknowledgeImportBoundary: true, idempotencyKey: A.idempotencyKey },
        }),
        expect: "NOT_FOUND",
      },
      {
        tries: "exports its own source under A's idempotency key",
        variables: () => ({
          input: { sourceIds: [B.sourceIds[2]], format: "CSV_EXPORT", acknowledgeImportBoundary: true, idempotencyKey: A.idempotencyKey },
        }),
        expect: "own",
        check: async (file) => {
          expect(file.id).not.toBe(A.exportId);
          expect(await organizationOf("portable_exports", file.id)).toBe(B.organizationId);
          expect(file.items.map((item: any) => item.source.id)).toEqual([B.sourceIds[2]]);
        },
      },
    ],
    "Mutation.disconnectProviderTarget": [{ tries: "disconnects A's target", variables: () => ({ id: A.targetId }), expect: "NOT_FOUND" }],
    "Mutation.evaluateFallback": [
      { tries: "decides on A's source", variables: () => ({ sourceIds: [A.sourceIds[0]] }), expect: "NOT_FOUND" },
      { tries: "decides on its source and one of A's", variables: () => ({ sourceIds: [B.sourceIds[0], A.sourceIds[0]] }), expect: "NOT_FOUND" },
      {
        tries: "clears the file requirement of A's sources",
        variables: () => ({ sourceIds: A.sourceIds.slice(1), requirePortable: false }),
        expect: "NOT_FOUND",
      },
      {
        tries: "records a file requirement on A's source",
        variables: () => ({ sourceIds: [A.sourceIds[0]], requirePortable: true, reason: "taken over" }),
        expect: "NOT_FOUND",
      },
    ],
    "Mutation.exportToProvider": [
      {
        tries: "delivers A's source to its own target",
        variables: () => ({ input: { sourceIds: [A.sourceIds[0]], targetId: B.targetId, onDuplicate: "UPDATE" } }),
        expect: "NOT_FOUND",
      },
      {
        tries: "delivers its own source to A's target",
        variables: () => ({ input: { sourceIds: [B.sourceIds[0]], targetId: A.targetId, onDuplicate: "UPDATE" } }),
        expect: "NOT_FOUND",
      },
      {
        tries: "delivers A's source to A's target",
        variables: () => ({ input: { sourceIds: [A.sourceIds[0]], targetId: A.targetId, onDuplicate: "UPDATE" } }),
        expect: "NOT_FOUND",
      },
    ],
    "Mutation.ingestReport": [
      {
        tries: "ingests a report under A's externalId and A's scanner source ids",
        variables: () => {
          const input = scanInput(A.externalId, B.prefix, 3, `https://beta-${run}.example.com`);
          input.sources.forEach((source, index) => (source.sourceId = `${A.prefix}-src-${index}`));
          return { input };
        },
        expect: "own",
        check: async (report) => {
          expect(report.id).not.toBe(A.reportId);
          expect(report.externalId).toBe(A.externalId);
          expect(await organizationOf("reports", report.id)).toBe(B.organizationId);
          expect(report.sources.totalCount).toBe(3);
        },
      },
    ],
    "Mutation.previewPortableExport": [
      {
        tries: "previews A's sources",
        variables: () => ({ input: { sourceIds: A.sourceIds, format: "PORTABLE_EXPORT", acknowledgeImportBoundary: true } }),
        expect: "NOT_FOUND",
      },
      {
        tries: "previews its source with one of A's",
        variables: () => ({ input: { sourceIds: [B.sourceIds[1], A.sourceIds[1]], format: "MARKDOWN_EXPORT", acknowledgeImportBoundary: true } }),
        expect: "NOT_FOUND",
      },
    ],
    "Mutation.revokeApiToken": [
      { tries: "revokes A's admin token", variables: () => ({ id: A.adminTokenId }), expect: "NOT_FOUND" },
      {
        tries: "revokes A's viewer token",
        variables: () => ({ id: A.viewerTokenId }),
        expect: "NOT_FOUND",
        check: async () => {
          for (const token of [A.admin, A.viewer]) {
            expect(await api.ok(token, `query($id: ID!) { report(id: $id) { id } }`, { id: A.reportId })).toEqual({ report: { id: A.reportId } });
          }
        },
      },
    ],
    "Mutation.updateProviderTarget": [
      { tries: "renames A's target", variables: () => ({ id: A.targetId, input: { name: "Taken over" } }), expect: "NOT_FOUND" },
      {
        tries: "points A's target at its own tracker with its own credential",
        variables: () => ({ id: A.targetId, input: { baseUrl: fakeB.baseUrl, credential: fakeB.credential, projectKey: fakeB.projectKey } }),
        expect: "NOT_FOUND",
      },
    ],

    "Subscription.exportStatusChanged": [
      { tries: "subscribes to A's report", variables: () => ({ reportId: A.reportId }), expect: "NOT_FOUND" },
      { tries: "subscribes to A's source", variables: () => ({ sourceId: A.sourceIds[1] }), expect: "NOT_FOUND" },
      {
        tries: "replays A's report and source from the start",
        variables: () => ({ reportId: A.reportId, sourceId: A.sourceIds[1], after: "0" }),
        expect: "NOT_FOUND",
      },
      {
        tries: "subscribes to A's source under its own report",
        variables: () => ({ reportId: B.reportId, sourceId: A.sourceIds[0], after: "0" }),
        expect: "NOT_FOUND",
      },
      {
        tries: "replays its whole organization from the start, then gets a live event of its own",
        variables: () => ({ after: "0" }),
        expect: "own",
        run: async (field, variables) => {
          const logged = await idsOf("export_status_events", B.organizationId);
          const feed = subscribe<any>(ws(B.admin), operationOf(field), variables, field.name);
          const replayed = await feed.take(logged.length);
          // The log is replayed in cursor order: any of A's events (all older than B's) would have come first.
          expect(replayed.map((event) => event.cursor)).toEqual([...logged].sort((a, b) => Number(a) - Number(b)));
          const sentinel = (
            await api.ok(B.admin, CREATE_PORTABLE, {
              input: { sourceIds: [B.sourceIds[3]], format: "CSV_EXPORT", acknowledgeImportBoundary: true },
            })
          ).createPortableExport.id;
          const events = await feed.take(logged.length + 1);
          expect(moves(events.slice(-1))).toEqual([`NOT_EXPORTED->PORTABLE_READY portable-export:${sentinel}`]);
          feed.stop();
          return { data: { [field.name]: events }, errors: feed.errors.length ? feed.errors : undefined };
        },
      },
    ],
  };

  it("has a cross-tenant entry for every Query, Mutation and Subscription field of the schema, and none for a field that is gone", () => {
    const fields = FIELDS.map((field) => field.key);
    expect(fields.filter((key) => !(key in matrix)).map((key) => `add a cross-tenant entry for ${key}`)).toEqual([]);
    expect(Object.keys(matrix).filter((key) => !fields.includes(key)).map((key) => `remove the entry for ${key}: not in the schema`)).toEqual([]);
    for (const key of fields) expect(matrix[key]?.length, `${key} has probes`).toBeGreaterThan(0);
  });

  it.each(FIELDS.map((field) => [field.key, transportsOf(field).join(" and "), field] as const))(
    "gives organization B nothing of organization A's through %s over %s, and changes nothing of A's",
    async (key, _transports, field) => {
      const probes = matrix[key];
      if (!probes) throw new Error(`add a cross-tenant entry for ${key} to the matrix in test/integration/tenant-matrix.test.ts`);
      for (const entry of probes) {
        for (const transport of transportsOf(field)) {
          try {
            await probe(field, entry, transport);
          } catch (error) {
            (error as Error).message = `${key} over ${transport}: when B ${entry.tries}: ${(error as Error).message}`;
            throw error;
          }
        }
      }
    },
  );

  it("answers B's download of A's file with 404 and no byte of it, whatever the request looks like", async () => {
    const before = await organizationRows(api, A.organizationId);
    const [{ sha256 }] = await api.server.services.database.rows<{ sha256: string }>(
      sql`select sha256 from portable_exports where id = ${A.exportId}`,
    );
    const sent = A.exportId;
    const attempts = [
      await download(api, B.admin, A.exportId),
      await download(api, B.admin, A.exportId.toUpperCase()),
      // A conditional request naming A's file's ETag must not confirm that the file exists with a 304.
      await download(api, B.admin, A.exportId, { "if-none-match": `"${sha256}"` }),
      await download(api, B.admin, A.exportId, { range: "bytes=0-10" }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(404);
      expect(attempt.json).toEqual({ error: "NOT_FOUND", message: expect.stringContaining("No portable export") });
      // Express tags the JSON refusal with a weak ETag of its own; never the file's.
      expect(attempt.headers.get("etag") ?? "").not.toContain(sha256);
      expect(attempt.headers.get("content-disposition")).toBeNull();
      expect(A.markers.filter((marker) => marker.toLowerCase() !== sent && attempt.text.includes(marker))).toEqual([]);
    }
    const head = await fetch(`${api.url}/exports/${A.exportId}/download`, { method: "HEAD", headers: { authorization: `Bearer ${B.admin}` } });
    expect(head.status).toBe(404);
    expect(head.headers.get("etag") ?? "").not.toContain(sha256);
    expect(head.headers.get("content-disposition")).toBeNull();
    expect(await organizationRows(api, A.organizationId)).toEqual(before);
  });

  it("leaves organization A's rows exactly as seeded, its tokens working and its tracker untouched by B", async () => {
    expect(await organizationRows(api, A.organizationId)).toEqual(A.seeded);
    expect(fakeA.requests).toHaveLength(A.trackerRequests);
    expect(fakeB.issues).toEqual([]);
    const { report, portableExport, providerTargets } = await api.ok(
      A.viewer,
      `query($id: ID!, $exportId: ID!) { report(id: $id) { id title } portableExport(id: $exportId) { id downloadCount }
        providerTargets { id name state } }`,
      { id: A.reportId, exportId: A.exportId },
    );
    expect(report).toEqual({ id: A.reportId, title: `${A.prefix} quarterly scan` });
    expect(portableExport).toEqual({ id: A.exportId, downloadCount: 1 });
    expect(providerTargets).toEqual([{ id: A.targetId, name: `${A.prefix} tracker`, state: "ACTIVE" }]);
  });

  it("delivers none of A's live status events to B's organization-wide and report subscriptions", async () => {
    const live = liveSubscriptions(api);
    const listening = live.expect(3);
    const fields = "cursor from to cause source { id title }";
    const query = `subscription($reportId: ID) { exportStatusChanged(reportId: $reportId) { ${fields} } }`;
    const everything = subscribe<any>(ws(B.admin), query, {}, "exportStatusChanged");
    const report = subscribe<any>(ws(B.admin), query, { reportId: B.reportId }, "exportStatusChanged");
    const theirs = subscribe<any>(ws(A.admin), query, {}, "exportStatusChanged");
    await listening();

    // A moves its own source (two events), and its own subscription sees them live.
    const [again] = (
      await api.ok(A.admin, EXPORT_TO_PROVIDER, { input: { sourceIds: [A.sourceIds[0]], targetId: A.targetId, onDuplicate: "UPDATE" } })
    ).exportToProvider;
    expect(again.action).toBe("UPDATED");
    expect(moves(await theirs.take(2))).toEqual([
      `PROVIDER_EXPORTED->PROVIDER_PENDING provider-export:${A.targetId}`,
      `PROVIDER_PENDING->PROVIDER_UPDATED ticket-export:${again.id}`,
    ]);
    expect(moves((await statusLog(api, A.admin, A.reportId)).slice(-2))).toEqual(moves(theirs.received));

    // Then B moves one of its own: A's events, committed before, would have reached B's subscriptions first.
    const sentinel = (
      await api.ok(B.admin, CREATE_PORTABLE, { input: { sourceIds: [B.sourceIds[4]], format: "CSV_EXPORT", acknowledgeImportBoundary: true } })
    ).createPortableExport.id;
    for (const feed of [everything, report]) {
      const [first] = await feed.take(1);
      expect(moves([first])).toEqual([`NOT_EXPORTED->PORTABLE_READY portable-export:${sentinel}`]);
      expect(first.source.id).toBe(B.sourceIds[4]);
      expect(feed.errors).toEqual([]);
      const answer = JSON.stringify(feed.received);
      expect(A.markers.filter((marker) => answer.includes(marker))).toEqual([]);
    }
  });
});
