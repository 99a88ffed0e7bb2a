import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { startFakeTracker, type FakeTracker } from "../support/fake-trackers/index.js";
import { INGEST, SOURCES, reportInput } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

const DECISION_FIELDS = "id outcome reason detail decidedAt source { id sourceId } target { id provider name state }";

const EVALUATE = /* GraphQL */ `
  mutation Evaluate($ids: [ID!]!, $requirePortable: Boolean, $reason: String) {
    evaluateFallback(sourceIds: $ids, requirePortable: $requirePortable, reason: $reason) { ${DECISION_FIELDS} }
  }
`;
const LATEST = /* GraphQL */ `
  query Latest($id: ID!) {
    exportSource(id: $id) {
      exportStatus
      fallbackDecision { ${DECISION_FIELDS} }
      readiness { portableReady providerUnavailable duplicateGuardReady importBoundaryClear unsafePreviewBlocked }
    }
  }
`;
const CONNECT = /* GraphQL */ `
  mutation Connect($input: ConnectProviderTargetInput!) {
    connectProviderTarget(input: $input) { id provider name state }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateProviderTargetInput!) {
    updateProviderTarget(id: $id, input: $input) { id state }
  }
`;

const EXPORT_TO_PROVIDER = /* GraphQL */ `
  mutation Export($input: ExportToProviderInput!) { exportToProvider(input: $input) { action target { state } } }
`;

const SELF_HOSTED = { DEPLOYMENT_MODE: "self-hosted", PROVIDER_ENDPOINT_ALLOWLIST: "127.0.0.1", PROVIDER_RETRY_BASE_MS: "1" };
const UNAVAILABLE_DETAIL =
  "No provider target is connected (disconnected ones are not used); a portable file hands this source over.";
const BLOCKED_DETAIL =
  "Export blocked: secrets, private artifact paths or personal data remain in the text; fix the text at the source, " +
  "or export with redaction.";
const GITHUB_TOKEN = `ghp_${"A1b2C3d4E5".repeat(3)}x9Y8z7`;

interface Org {
  admin: string;
  operator: string;
  viewer: string;
  /** How decisions name the operator: its token's id. */
  operatorActor: string;
  /** src-0 (REPORT_ISSUE) and src-1 (FIX_TASK). */
  sources: { id: string; sourceId: string; sourceType: string }[];
}

describe.each(backends)("fallback decisions on $name", (backend) => {
  let api: TestServer;
  const trackers: FakeTracker[] = [];

  const github = async () => {
    const fake = await startFakeTracker("GITHUB");
    trackers.push(fake);
    return fake;
  };

  /** A fresh organization with one report of two sources, so that targets of other tests never interfere. */
  const organization = async (slug: string, input = reportInput(`${slug}-report`, 2)): Promise<Org> => {
    const [admin, operator, viewer] = [await api.token(slug, "admin"), await api.token(slug, "operator"), await api.token(slug, "viewer")];
    const { ingestReport } = await api.ok(operator, INGEST, { input });
    const { exportSources } = await api.ok(viewer, SOURCES, { reportId: ingestReport.id });
    const hash = createHash("sha256").update(operator).digest("hex");
    const [token] = await api.server.services.database.rows<{ id: string }>(sql`select id from api_tokens where token_hash = ${hash}`);
    return { admin, operator, viewer, operatorActor: `token:${token.id}`, sources: exportSources.edges.map((edge: any) => edge.node) };
  };

  const connect = async (org: Org, input: Record<string, unknown>) =>
    (await api.ok(org.admin, CONNECT, { input })).connectProviderTarget;

  const evaluate = async (token: string, ids: string[], extra: { requirePortable?: boolean | null; reason?: string | null } = {}) =>
    (await api.ok(token, EVALUATE, { ids, ...extra })).evaluateFallback;

  const latest = async (org: Org, id: string) => (await api.ok(org.viewer, LATEST, { id })).exportSource;

  const statusMoves = (sourceId: string) =>
    api.server.services.database.rows<{ from_status: string; to_status: string; cause: string; actor: string }>(
      sql`select from_status, to_status, cause, actor from export_status_events where export_source_id = ${sourceId} order by id`,
    );

  const historyOf = (sourceId: string) =>
    api.server.services.database.rows<{ reason: string; requirement_reason: string | null; requested_by: string | null }>(
      sql`select reason, requirement_reason, requested_by from fallback_decisions where export_source_id = ${sourceId} order by seq`,
    );

  beforeAll(async () => {
    api = await startTestServer(backend, SELF_HOSTED);
  });
  afterAll(async () => {
    await Promise.all(trackers.map((fake) => fake.close()));
    await api?.close();
  });

  it("falls back with TICKET_EXPORT_PROVIDER_UNAVAILABLE when the organization has no provider target", async () => {
    const org = await organization("no-targets");
    const decisions = await evaluate(org.operator, org.sources.map((source) => source.id));
    expect(decisions).toHaveLength(2);
    decisions.forEach((decision: any, index: number) => {
      expect(decision).toMatchObject({
        outcome: "PORTABLE_FALLBACK",
        reason: "TICKET_EXPORT_PROVIDER_UNAVAILABLE",
        detail: UNAVAILABLE_DETAIL,
        target: null,
        source: { id: org.sources[index].id, sourceId: org.sources[index].sourceId },
      });
    });
    expect(await latest(org, org.sources[0].id)).toEqual({
      exportStatus: "NOT_EXPORTED",
      fallbackDecision: decisions[0],
      // No file yet: the format a portable export would choose, and no acknowledged import boundary.
      readiness: { portableReady: true, providerUnavailable: true, duplicateGuardReady: true, importBoundaryClear: false, unsafePreviewBlocked: false },
    });
  });

  it("shows readiness before anyone evaluates a source, as the decision evaluateFallback would record now", async () => {
    const org = await organization("unevaluated");
    const id = org.sources[0].id;
    // No target: native export cannot be used, and a file could be made right away.
    expect(await latest(org, id)).toMatchObject({
      fallbackDecision: null,
      readiness: { portableReady: true, providerUnavailable: true, unsafePreviewBlocked: false },
    });
    expect(await historyOf(id)).toEqual([]);

    // A working target: native export is the answer, so a file is not (yet) the way out.
    await connect(org, { ...(await github()).connection, name: "Repo" });
    expect((await latest(org, id)).readiness).toMatchObject({ portableReady: false, providerUnavailable: false });
    expect(await historyOf(id)).toEqual([]);
  });

  it("does not count a disconnected target: still TICKET_EXPORT_PROVIDER_UNAVAILABLE", async () => {
    const org = await organization("only-disconnected");
    const target = await connect(org, { ...(await github()).connection, name: "Old repo" });
    await api.ok(org.admin, `mutation($id: ID!) { disconnectProviderTarget(id: $id) { id } }`, { id: target.id });
    const [decision] = await evaluate(org.operator, [org.sources[0].id]);
    expect(decision).toMatchObject({ outcome: "PORTABLE_FALLBACK", reason: "TICKET_EXPORT_PROVIDER_UNAVAILABLE", target: null });
  });

  it("answers PROVIDER_NATIVE with PROVIDER_NATIVE_AVAILABLE and the oldest usable target", async () => {
    const org = await organization("native-co");
    const repo = await connect(org, { ...(await github()).connection, name: "Acme repo" });
    const jira = await startFakeTracker("JIRA");
    trackers.push(jira);
    await connect(org, { ...jira.connection, name: "Acme Jira" });

    const decisions = await evaluate(org.operator, org.sources.map((source) => source.id));
    expect(decisions).toHaveLength(2);
    for (const decision of decisions) {
      expect(decision).toMatchObject({
        outcome: "PROVIDER_NATIVE",
        reason: "PROVIDER_NATIVE_AVAILABLE",
        detail: 'Native export via GITHUB target "Acme repo" is available; a portable file is made only on request.',
        target: { id: repo.id, provider: "GITHUB", name: "Acme repo", state: "ACTIVE" },
      });
    }
    const { readiness } = await latest(org, org.sources[1].id);
    expect(readiness).toEqual({
      portableReady: false,
      providerUnavailable: false,
      duplicateGuardReady: true,
      importBoundaryClear: false,
      unsafePreviewBlocked: false,
    });
  });

  it("records the customer's requirement for a file as PORTABLE_EXPORT_REQUIRED, naming who asked and why", async () => {
    const org = await organization("required-co");
    const repo = await connect(org, { ...(await github()).connection, name: "Acme repo" });
    const [decision] = await evaluate(org.operator, [org.sources[0].id], {
      requirePortable: true,
      reason: "  The client imports by CSV  ",
    });
    expect(decision).toMatchObject({ outcome: "PORTABLE_FALLBACK", reason: "PORTABLE_EXPORT_REQUIRED", target: { id: repo.id } });
    expect(await historyOf(org.sources[0].id)).toEqual([
      { reason: "PORTABLE_EXPORT_REQUIRED", requirement_reason: "The client imports by CSV", requested_by: org.operatorActor },
    ]);
    // The customer chose the file; the provider itself was available.
    expect((await latest(org, org.sources[0].id)).readiness.providerUnavailable).toBe(false);
    // The whole requester, so that a reader can tell which token asked.
    expect(decision.detail).toBe(
      `${org.operatorActor} required a portable file (native export via GITHUB target "Acme repo" was available): "The client imports by CSV"`,
    );
  });

  it("records a requirement with no usable target as provider-unavailable, without a target", async () => {
    const org = await organization("required-alone");
    const [decision] = await evaluate(org.admin, [org.sources[1].id], { requirePortable: true, reason: "Audit trail in a file" });
    const hash = createHash("sha256").update(org.admin).digest("hex");
    const [admin] = await api.server.services.database.rows<{ id: string }>(sql`select id from api_tokens where token_hash = ${hash}`);
    expect(decision).toMatchObject({ outcome: "PORTABLE_FALLBACK", reason: "PORTABLE_EXPORT_REQUIRED", target: null });
    expect((await latest(org, org.sources[1].id)).readiness.providerUnavailable).toBe(true);
    expect(decision.detail).toBe(`token:${admin.id} required a portable file (no provider target was usable either): "Audit trail in a file"`);
  });

  /** Each provider reason, from a target in the state that causes it. */
  const providerCases: [string, (org: Org, fake: FakeTracker) => Promise<string>, string, (name: string) => string][] = [
    [
      "PROVIDER_TARGET_REVOKED",
      async (org, fake) => (await connect(org, { ...fake.connection, credential: "ghp_revoked", name: "T" })).id,
      "PROVIDER_TARGET_REVOKED",
      () => 'The credential of GITHUB target "T" was revoked; an admin must reconnect it.',
    ],
    [
      "PROVIDER_ENDPOINT_UNSAFE",
      async (org, fake) => (await connect(org, { ...fake.connection, baseUrl: "https://10.9.8.7", name: "T" })).id,
      "PROVIDER_ENDPOINT_UNSAFE",
      () => 'GITHUB target "T" points at an endpoint refused as unsafe; an admin must fix its base URL or allowlist the host.',
    ],
    [
      "PROVIDER_PATH_UNSUPPORTED for a provider without an adapter",
      async (org, fake) =>
        (await connect(org, { provider: "OTHER", baseUrl: fake.baseUrl, projectKey: "board", credential: "other-key", name: "T" })).id,
      "PROVIDER_PATH_UNSUPPORTED",
      (types) => `OTHER target "T" cannot take ${types} natively (no adapter yet).`,
    ],
    [
      "PROVIDER_PATH_UNSUPPORTED for a project the tracker does not have",
      async (org, fake) => (await connect(org, { ...fake.connection, projectKey: "acme/gone", name: "T" })).id,
      "PROVIDER_PATH_UNSUPPORTED",
      (types) => `GITHUB target "T" cannot take ${types} natively (target marked unsupported).`,
    ],
    [
      "PROVIDER_RATE_LIMITED",
      async (org, fake) => {
        fake.failNext({ status: 429, headers: { "retry-after": "Fri, 01 Jan 2100 12:30:00 GMT" } });
        return (await connect(org, { ...fake.connection, name: "T" })).id;
      },
      "PROVIDER_RATE_LIMITED",
      () => 'GITHUB target "T" is rate limited until 2100-01-01T12:30:00.000Z; native export resumes then.',
    ],
    [
      "PROVIDER_DELIVERY_FAILING",
      async (org, fake) => {
        const { id } = await connect(org, { ...fake.connection, name: "T" });
        // Three native deliveries that fail (each one try and two retries) make the target FAILING.
        fake.failNext({ status: 500, times: 9 });
        for (let attempt = 1; attempt <= 3; attempt++) {
          const { exportToProvider } = await api.ok(org.operator, EXPORT_TO_PROVIDER, {
            input: { sourceIds: [org.sources[0].id], targetId: id, onDuplicate: "UPDATE" },
          });
          expect(exportToProvider).toEqual([{ action: "FAILED", target: { state: attempt < 3 ? "ACTIVE" : "FAILING" } }]);
        }
        return id;
      },
      "PROVIDER_DELIVERY_FAILING",
      () => 'GITHUB target "T" is failing (3 consecutive failed deliveries, threshold 3); check its last error.',
    ],
  ];

  let providerCase = 0;
  it.each(providerCases)("falls back with %s, naming the target", async (_name, setUp, reason, detail) => {
    const org = await organization(`provider-case-${++providerCase}`);
    const targetId = await setUp(org, await github());
    const decisions = await evaluate(org.operator, org.sources.map((source) => source.id));
    expect(decisions.map((decision: any) => [decision.outcome, decision.reason, decision.detail, decision.target.id])).toEqual([
      ["PORTABLE_FALLBACK", reason, detail("report issues"), targetId],
      ["PORTABLE_FALLBACK", reason, detail("fix tasks"), targetId],
    ]);
    const { fallbackDecision, readiness } = await latest(org, org.sources[0].id);
    expect(fallbackDecision.id).toBe(decisions[0].id);
    expect(readiness.providerUnavailable).toBe(true);
  });

  it("reports the target closest to working: a rate limit before an older revoked credential", async () => {
    const org = await organization("precedence-co");
    await connect(org, { ...(await github()).connection, credential: "ghp_revoked", name: "Old repo" });
    const busy = await github();
    busy.failNext({ status: 429, headers: { "retry-after": "Fri, 01 Jan 2100 12:30:00 GMT" } });
    const limited = await connect(org, { ...busy.connection, name: "Busy repo" });
    const [decision] = await evaluate(org.operator, [org.sources[0].id]);
    expect(decision).toMatchObject({ reason: "PROVIDER_RATE_LIMITED", target: { id: limited.id, state: "RATE_LIMITED" } });
  });

  it("blocks a source whose text holds a secret with UNSAFE_PREVIEW_BLOCKED, whatever the targets or requirement, and marks it UNSAFE_BLOCKED", async () => {
    const input = reportInput("unsafe-report", 2);
    input.sources[0].description = `The page source leaks a deploy token: ${GITHUB_TOKEN} in a comment.`;
    const org = await organization("unsafe-co", input);
    await connect(org, { ...(await github()).connection, name: "Repo" });

    const decisions = await evaluate(org.operator, org.sources.map((source) => source.id));
    expect(decisions.map((decision: any) => [decision.outcome, decision.reason])).toEqual([
      ["BLOCKED", "UNSAFE_PREVIEW_BLOCKED"],
      ["PROVIDER_NATIVE", "PROVIDER_NATIVE_AVAILABLE"],
    ]);
    expect(decisions[0]).toMatchObject({ detail: BLOCKED_DETAIL, target: null });
    const required = await evaluate(org.operator, [org.sources[0].id], { requirePortable: true, reason: "CSV please" });
    expect(required[0]).toMatchObject({ outcome: "BLOCKED", reason: "UNSAFE_PREVIEW_BLOCKED", target: null });
    expect(JSON.stringify([decisions, required])).not.toContain(GITHUB_TOKEN);
    const { readiness, exportStatus } = await latest(org, org.sources[0].id);
    expect(readiness).toMatchObject({ unsafePreviewBlocked: true, portableReady: false, providerUnavailable: true });
    // The status says it where dashboards filter; the safe source keeps its own, and deciding again moves nothing more.
    expect(exportStatus).toBe("UNSAFE_BLOCKED");
    expect((await latest(org, org.sources[1].id)).exportStatus).toBe("NOT_EXPORTED");
    expect(await statusMoves(org.sources[0].id)).toEqual([
      { from_status: "NOT_EXPORTED", to_status: "UNSAFE_BLOCKED", cause: "fallback-decision:UNSAFE_PREVIEW_BLOCKED", actor: org.operatorActor },
    ]);

    // Fixed at the source by a re-ingest, the next decision is about the provider again (the requirement was kept).
    input.sources[0].description = "The page source leaked a deploy token; it has been rotated.";
    await api.ok(org.operator, INGEST, { input });
    const [fixed] = await evaluate(org.operator, [org.sources[0].id]);
    expect(fixed).toMatchObject({ outcome: "PORTABLE_FALLBACK", reason: "PORTABLE_EXPORT_REQUIRED" });
    const after = await latest(org, org.sources[0].id);
    expect(after.readiness).toMatchObject({ unsafePreviewBlocked: false, providerUnavailable: false });
    // Nothing went out while it was blocked: fixed, it is back where it was.
    expect(after.exportStatus).toBe("NOT_EXPORTED");
    expect((await statusMoves(org.sources[0].id)).slice(1)).toEqual([
      { from_status: "UNSAFE_BLOCKED", to_status: "NOT_EXPORTED", cause: "fallback-decision:content-safe", actor: org.operatorActor },
    ]);
  });

  it("keeps every decision and shows the latest as the source's fallbackDecision", async () => {
    const org = await organization("history-co");
    const id = org.sources[0].id;
    const [first] = await evaluate(org.operator, [id]);
    const [second] = await evaluate(org.operator, [id], { requirePortable: true, reason: "Client wants a file" });
    expect(second.id).not.toBe(first.id);
    expect(new Date(second.decidedAt).getTime()).toBeGreaterThanOrEqual(new Date(first.decidedAt).getTime());
    const { fallbackDecision } = await latest(org, id);
    expect(fallbackDecision).toEqual(second);
    expect((await historyOf(id)).map((row) => row.reason)).toEqual(["TICKET_EXPORT_PROVIDER_UNAVAILABLE", "PORTABLE_EXPORT_REQUIRED"]);
    // The other source was never evaluated.
    expect((await latest(org, org.sources[1].id)).fallbackDecision).toBeNull();
  });

  it("decides a source again when a target it depends on is connected, revoked or disconnected", async () => {
    const org = await organization("follows-target");
    const id = org.sources[0].id;
    await evaluate(org.operator, [id]);
    const fake = await github();
    const target = await connect(org, { ...fake.connection, name: "Repo" });
    expect((await latest(org, id)).fallbackDecision).toMatchObject({ reason: "PROVIDER_NATIVE_AVAILABLE", target: { id: target.id } });

    fake.failNext({ status: 401 });
    await api.ok(org.admin, UPDATE, { id: target.id, input: { credential: fake.credential } });
    expect((await latest(org, id)).fallbackDecision).toMatchObject({ reason: "PROVIDER_TARGET_REVOKED", target: { id: target.id, state: "REVOKED" } });

    await api.ok(org.admin, `mutation($id: ID!) { disconnectProviderTarget(id: $id) { id } }`, { id: target.id });
    expect((await latest(org, id)).fallbackDecision).toMatchObject({ reason: "TICKET_EXPORT_PROVIDER_UNAVAILABLE", target: null });
    expect((await historyOf(id)).map((row) => row.reason)).toEqual([
      "TICKET_EXPORT_PROVIDER_UNAVAILABLE",
      "PROVIDER_NATIVE_AVAILABLE",
      "PROVIDER_TARGET_REVOKED",
      "TICKET_EXPORT_PROVIDER_UNAVAILABLE",
    ]);
  });

  it("keeps a recorded requirement when evaluated again without requirePortable, and clears it with false", async () => {
    const org = await organization("requirement-kept");
    const id = org.sources[0].id;
    const fake = await github();
    const target = await connect(org, { ...fake.connection, name: "Repo" });
    const [required] = await evaluate(org.operator, [id], { requirePortable: true, reason: "Imports by CSV" });

    const [kept] = await evaluate(org.operator, [id]);
    expect(kept).toMatchObject({ reason: "PORTABLE_EXPORT_REQUIRED", detail: required.detail, target: { id: target.id } });
    const [keptWithNull] = await evaluate(org.operator, [id], { requirePortable: null, reason: "ignored without requirePortable" });
    expect(keptWithNull).toMatchObject({ reason: "PORTABLE_EXPORT_REQUIRED", detail: required.detail });

    // A target change re-decides with the requirement kept; the detail now says no target was usable.
    fake.failNext({ status: 401 });
    await api.ok(org.admin, UPDATE, { id: target.id, input: { credential: fake.credential } });
    expect((await latest(org, id)).fallbackDecision).toMatchObject({
      reason: "PORTABLE_EXPORT_REQUIRED",
      // Who asked is asserted by the tests above; here, what changed.
      detail: expect.stringMatching(/ required a portable file \(no provider target was usable either\): "Imports by CSV"$/),
      target: null,
    });
    await api.ok(org.admin, UPDATE, { id: target.id, input: { credential: fake.credential } });

    const [cleared] = await evaluate(org.operator, [id], { requirePortable: false });
    expect(cleared).toMatchObject({ outcome: "PROVIDER_NATIVE", reason: "PROVIDER_NATIVE_AVAILABLE" });
    const [after] = await evaluate(org.operator, [id]);
    expect(after).toMatchObject({ outcome: "PROVIDER_NATIVE", reason: "PROVIDER_NATIVE_AVAILABLE" });
    expect((await historyOf(id)).at(-1)).toEqual({ reason: "PROVIDER_NATIVE_AVAILABLE", requirement_reason: null, requested_by: null });
  });

  it("refuses requirePortable without a reason with BAD_USER_INPUT naming reason, recording nothing", async () => {
    const org = await organization("no-reason");
    const id = org.sources[0].id;
    for (const reason of [null, "", "   \n\t "]) {
      const result = await api.graphql(org.operator, EVALUATE, { ids: [id], requirePortable: true, reason });
      expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
      expect(result.errors?.[0].message).toMatch(/^reason: /);
    }
    const long = await api.graphql(org.operator, EVALUATE, { ids: [id], requirePortable: true, reason: "x".repeat(1_001) });
    expect(long.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    expect(await historyOf(id)).toEqual([]);
  });

  it("refuses unknown, foreign, repeated or no source ids, recording nothing", async () => {
    const org = await organization("ids-co");
    const other = await organization("ids-other");
    const mine = org.sources[0].id;
    const cases: [string[], string, Record<string, unknown>][] = [
      [[mine, "00000000-0000-4000-8000-000000000000"], "NOT_FOUND", { id: "00000000-0000-4000-8000-000000000000" }],
      [[mine, "not-a-uuid"], "NOT_FOUND", { id: "not-a-uuid" }],
      [[mine, other.sources[0].id], "NOT_FOUND", { id: other.sources[0].id }],
      [[mine, mine], "BAD_USER_INPUT", { field: "sourceIds" }],
      [[], "BAD_USER_INPUT", { field: "sourceIds" }],
    ];
    for (const [ids, code, extensions] of cases) {
      const result = await api.graphql(org.operator, EVALUATE, { ids });
      expect(result.errors?.[0].extensions).toMatchObject({ code, ...extensions });
      expect(result.data).toBeNull();
    }
    expect(await historyOf(mine)).toEqual([]);
    expect(await historyOf(other.sources[0].id)).toEqual([]);
  });

  it("refuses a viewer with FORBIDDEN and lets an operator or admin decide", async () => {
    const org = await organization("roles-decide");
    const id = org.sources[0].id;
    const refused = await api.graphql(org.viewer, EVALUATE, { ids: [id] });
    expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await historyOf(id)).toEqual([]);
    expect(await evaluate(org.operator, [id])).toHaveLength(1);
    expect(await evaluate(org.admin, [id])).toHaveLength(1);
    expect(await historyOf(id)).toHaveLength(2);
  });
});
