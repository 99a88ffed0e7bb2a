import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { PROVIDER_NAMES } from "../../src/domain/format-choice.js";
import { backends } from "../support/backends.js";
import { FAKE_PROVIDERS, type FakeProvider, type FakeTracker } from "../support/fake-trackers/index.js";
import { EVALUATE, EXPORT_TO_PROVIDER, SELF_HOSTED, UPDATE_TARGET, operations, providerScenario, secretsOf } from "../support/provider-export.js";
import { startTestServer, type TestServer } from "../support/server.js";

/** How each provider is named in the errors its adapter raises. */
const SERVICE: Record<FakeProvider, string> = PROVIDER_NAMES;

describe.each(backends)("provider-native export failures on $name", (backend) => {
  let api: TestServer;
  const fakes: FakeTracker[] = [];
  const scenario = async (provider: FakeProvider, options?: Parameters<typeof providerScenario>[2]) => {
    const started = await providerScenario(api, provider, options);
    fakes.push(started.fake);
    return started;
  };
  /** Records a decision for the sources now, so that later target changes re-decide them. */
  const decide = async (world: Awaited<ReturnType<typeof scenario>>, sourceIds = world.sourceIds) => {
    const { evaluateFallback } = await world.ok(world.operator, EVALUATE, { sourceIds });
    expect(evaluateFallback).toEqual(
      sourceIds.map(() => ({ outcome: "PROVIDER_NATIVE", reason: "PROVIDER_NATIVE_AVAILABLE", target: { id: world.targetId } })),
    );
  };

  beforeAll(async () => {
    api = await startTestServer(backend, SELF_HOSTED);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await Promise.all(fakes.map((fake) => fake.close()));
    await api?.close();
  });

  describe.each(FAKE_PROVIDERS)("from %s", (provider) => {
    it("revokes the target on a 401, re-decides the source, calls the tracker no more until the credential is fixed, then exports", async () => {
      const world = await scenario(provider);
      await decide(world);
      world.fake.failNext({ status: 401 });
      const requestsBefore = world.fake.requests.length;

      const [failed] = await world.exportTo([world.sourceIds[0]]);

      // A refused credential is not retried: one request, no ticket.
      expect(world.fake.requests).toHaveLength(requestsBefore + 1);
      expect(world.fake.issues).toHaveLength(0);
      expect(failed).toMatchObject({
        action: "FAILED",
        externalKey: null,
        externalUrl: null,
        source: { exportStatus: "PROVIDER_FAILED", remediationStatus: "OPEN" },
        target: { id: world.targetId, state: "REVOKED" },
      });
      expect(failed.error).toMatch(new RegExp(`^${SERVICE[provider]} refused the credential \\(HTTP 401\\)`));
      expect(await world.target()).toMatchObject({ state: "REVOKED", consecutiveFailures: 0, retryAfter: null, lastError: failed.error });
      expect((await world.source()).fallbackDecision).toMatchObject({
        outcome: "PORTABLE_FALLBACK",
        reason: "PROVIDER_TARGET_REVOKED",
        target: { id: world.targetId },
      });

      const [refused] = await world.exportTo([world.sourceIds[0]]);
      expect(refused).toMatchObject({
        action: "FAILED",
        externalKey: null,
        error: `The credential of ${provider} target "${provider} tracker" was revoked; an admin must reconnect it.`,
        source: { exportStatus: "PROVIDER_FAILED" },
        target: { state: "REVOKED" },
      });
      expect(world.fake.requests).toHaveLength(requestsBefore + 1);

      const { updateProviderTarget } = await world.ok(world.admin, UPDATE_TARGET, {
        id: world.targetId,
        input: { credential: world.fake.credential },
      });
      expect(updateProviderTarget).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0, lastError: null });
      expect((await world.source()).fallbackDecision).toMatchObject({ outcome: "PROVIDER_NATIVE", target: { id: world.targetId } });

      const [exported] = await world.exportTo([world.sourceIds[0]]);
      expect(exported).toMatchObject({ action: "CREATED", error: null, source: { exportStatus: "PROVIDER_EXPORTED" } });
      expect(world.fake.issues).toHaveLength(1);
      expect(exported.externalKey).toBe(world.fake.issues[0].key);

      const source = await world.source();
      expect(source.ticketExports.map((row) => row.action)).toEqual(["FAILED", "FAILED", "CREATED"]);
      expect(source.remediationStatus).toBe("OPEN");
      // The refused attempt is recorded but moves no status: nothing was pending.
      expect(await world.events()).toEqual([
        `NOT_EXPORTED->PROVIDER_PENDING provider-export:${world.targetId}`,
        `PROVIDER_PENDING->PROVIDER_FAILED ticket-export:${failed.id}`,
        `PROVIDER_FAILED->PROVIDER_PENDING provider-export:${world.targetId}`,
        `PROVIDER_PENDING->PROVIDER_EXPORTED ticket-export:${exported.id}`,
      ]);
      world.expectCredentialKept();
    });

    it("records a FAILED attempt, not an internal error, when every answer is a 2xx with an empty body", async () => {
      const world = await scenario(provider);
      world.fake.failNext({ status: 201, body: "", times: Infinity });

      const [attempt] = await world.exportTo([world.sourceIds[0]]);

      expect(attempt).toMatchObject({ action: "FAILED", externalKey: null, source: { exportStatus: "PROVIDER_FAILED" } });
      expect(attempt.error).toMatch(new RegExp(`^${SERVICE[provider]} rejected the request.*(does not identify|does not list|holds no data)`));
      expect(await world.events()).toEqual([
        `NOT_EXPORTED->PROVIDER_PENDING provider-export:${world.targetId}`,
        `PROVIDER_PENDING->PROVIDER_FAILED ticket-export:${attempt.id}`,
      ]);
      world.expectCredentialKept();
    });

    it("holds the target RATE_LIMITED until Retry-After on a 429 and makes no call before then", async () => {
      const world = await scenario(provider);
      await decide(world);
      world.fake.failNext({ status: 429, headers: { "retry-after": "120" } });
      const requestsBefore = world.fake.requests.length;

      const sent = Date.now();
      const [limited] = await world.exportTo([world.sourceIds[0]]);
      const answered = Date.now();

      expect(world.fake.requests).toHaveLength(requestsBefore + 1);
      expect(limited).toMatchObject({
        action: "FAILED",
        source: { exportStatus: "PROVIDER_FAILED" },
        target: { id: world.targetId, state: "RATE_LIMITED" },
      });
      expect(limited.error).toMatch(new RegExp(`^${SERVICE[provider]} is rate limiting requests \\(HTTP 429\\)`));
      const target = await world.target();
      expect(target).toMatchObject({ state: "RATE_LIMITED", consecutiveFailures: 0, lastError: limited.error });
      // Retry-After: 120 means two minutes after the answer; the window only absorbs the request's own duration.
      const retryAfter = new Date(target.retryAfter!).getTime();
      expect(retryAfter).toBeGreaterThanOrEqual(sent + 120_000 - 1_000);
      expect(retryAfter).toBeLessThanOrEqual(answered + 120_000 + 1_000);
      expect(limited.error).toContain(`retry after ${target.retryAfter}`);
      expect((await world.source()).fallbackDecision).toMatchObject({
        outcome: "PORTABLE_FALLBACK",
        reason: "PROVIDER_RATE_LIMITED",
        target: { id: world.targetId },
      });

      const [refused] = await world.exportTo([world.sourceIds[0]]);
      expect(refused).toMatchObject({
        action: "FAILED",
        error: `${provider} target "${provider} tracker" is rate limited until ${target.retryAfter}; native export resumes then.`,
        source: { exportStatus: "PROVIDER_FAILED" },
      });
      expect(world.fake.requests).toHaveLength(requestsBefore + 1);
      expect(world.fake.issues).toHaveLength(0);
      expect(await world.events()).toEqual([
        `NOT_EXPORTED->PROVIDER_PENDING provider-export:${world.targetId}`,
        `PROVIDER_PENDING->PROVIDER_FAILED ticket-export:${limited.id}`,
      ]);
      world.expectCredentialKept();
    });
  });

  it("retries a 500 a bounded number of times, counts each failed delivery, marks the target FAILING at three, and recovers", async () => {
    const world = await scenario("GITHUB");
    await decide(world);
    // Three exports of three requests each (one try and two retries); the tracker answers normally afterwards.
    world.fake.failNext({ status: 500, times: 9 });
    const failures = [];
    const seen = [];
    for (let round = 1; round <= 3; round++) {
      const [failed] = await world.exportTo([world.sourceIds[0]]);
      failures.push(failed);
      seen.push(world.fake.requests.length);
      expect(failed).toMatchObject({
        action: "FAILED",
        externalKey: null,
        error: "GitHub failed temporarily (HTTP 500): Fake failure 500.",
        source: { exportStatus: "PROVIDER_FAILED" },
        target: { state: round < 3 ? "ACTIVE" : "FAILING" },
      });
      expect(await world.target()).toMatchObject({
        state: round < 3 ? "ACTIVE" : "FAILING",
        consecutiveFailures: round,
        lastError: failed.error,
      });
      const decision = (await world.source()).fallbackDecision;
      expect(decision).toMatchObject(
        round < 3
          ? { outcome: "PROVIDER_NATIVE", reason: "PROVIDER_NATIVE_AVAILABLE" }
          : { outcome: "PORTABLE_FALLBACK", reason: "PROVIDER_DELIVERY_FAILING", target: { id: world.targetId } },
      );
    }
    expect(seen).toEqual([3, 6, 9].map((count) => count + 1)); // + the check at connect
    // The first try creates; its retries look for a ticket the failed create may have made. Later tries look first.
    expect(operations("GITHUB", world.fake, 1)).toEqual(["create", "search", "search", ...Array(6).fill("search")]);
    expect(world.fake.issues).toHaveLength(0);

    // A FAILING target is still tried when asked explicitly, and a success clears it.
    const [recovered] = await world.exportTo([world.sourceIds[0]]);
    expect(recovered).toMatchObject({ action: "CREATED", error: null, source: { exportStatus: "PROVIDER_EXPORTED" }, target: { state: "ACTIVE" } });
    expect(world.fake.issues).toHaveLength(1);
    expect(await world.target()).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0, lastError: null, retryAfter: null });
    expect((await world.source()).fallbackDecision).toMatchObject({ outcome: "PROVIDER_NATIVE", target: { id: world.targetId } });

    const pendingAgain = `PROVIDER_FAILED->PROVIDER_PENDING provider-export:${world.targetId}`;
    expect(await world.events()).toEqual([
      `NOT_EXPORTED->PROVIDER_PENDING provider-export:${world.targetId}`,
      `PROVIDER_PENDING->PROVIDER_FAILED ticket-export:${failures[0].id}`,
      pendingAgain,
      `PROVIDER_PENDING->PROVIDER_FAILED ticket-export:${failures[1].id}`,
      pendingAgain,
      `PROVIDER_PENDING->PROVIDER_FAILED ticket-export:${failures[2].id}`,
      pendingAgain,
      `PROVIDER_PENDING->PROVIDER_EXPORTED ticket-export:${recovered.id}`,
    ]);
    world.expectCredentialKept();
  });

  it("counts every failed delivery when exports of different sources fail at the same time", async () => {
    const world = await scenario("GITHUB", { count: 3 });
    await decide(world);
    world.fake.failNext({ status: 500, times: 9 });

    const results = await Promise.all(world.sourceIds.map((id) => world.exportTo([id])));

    expect(results.map(([attempt]) => attempt.action)).toEqual(["FAILED", "FAILED", "FAILED"]);
    expect(world.fake.requests).toHaveLength(1 + 9);
    expect(await world.target()).toMatchObject({ state: "FAILING", consecutiveFailures: 3 });
    for (const id of world.sourceIds) {
      expect((await world.source(id)).fallbackDecision).toMatchObject({ outcome: "PORTABLE_FALLBACK", reason: "PROVIDER_DELIVERY_FAILING" });
    }
  });

  it("tries a rate-limited target again once Retry-After has passed, and a success lifts the limit", async () => {
    const world = await scenario("GITHUB");
    await decide(world);
    world.fake.failNext({ status: 429, headers: { "retry-after": "0" } });

    const [limited] = await world.exportTo([world.sourceIds[0]]);
    expect(limited).toMatchObject({ action: "FAILED", target: { state: "RATE_LIMITED" } });

    const [exported] = await world.exportTo([world.sourceIds[0]]);
    expect(exported).toMatchObject({ action: "CREATED", error: null, target: { state: "ACTIVE" } });
    expect(world.fake.issues).toHaveLength(1);
    expect(await world.target()).toMatchObject({ state: "ACTIVE", retryAfter: null, lastError: null, consecutiveFailures: 0 });
    expect((await world.source()).fallbackDecision).toMatchObject({ outcome: "PROVIDER_NATIVE", target: { id: world.targetId } });
  });

  // Linear answers an edit of a missing issue with a GraphQL error, not a 404: that is a PERMANENT failure.
  it.each(["GITHUB", "GITLAB", "JIRA"] as const)(
    "fails only the source whose linked ticket was deleted in %s, leaving the target usable for the others",
    async (provider) => {
      const world = await scenario(provider, { count: 2 });
      await decide(world);
      const [first] = await world.exportTo([world.sourceIds[0]]);
      expect(first.action).toBe("CREATED");
      world.fake.issues.splice(0); // someone deleted the ticket in the tracker
      const requestsBefore = world.fake.requests.length;

      const [gone] = await world.exportTo([world.sourceIds[0]], "UPDATE");

      expect(gone).toMatchObject({
        action: "FAILED",
        error: `The linked ${provider} ticket ${first.externalKey} was not found: it was deleted, moved or hidden from the credential.`,
        source: { exportStatus: "PROVIDER_FAILED" },
        target: { state: "ACTIVE" },
      });
      // The edit answered 404, so the service looked whether the project itself is still there (the check at connect).
      expect(operations(provider, world.fake, requestsBefore)).toEqual(["update", "other"]);
      expect(world.fake.requests.at(-1)!.url).toBe(world.fake.requests[0].url);
      expect(await world.target()).toMatchObject({ state: "ACTIVE", lastError: null, consecutiveFailures: 0 });
      expect((await world.source(world.sourceIds[1])).fallbackDecision).toMatchObject({ outcome: "PROVIDER_NATIVE" });
      const [other] = await world.exportTo([world.sourceIds[1]]);
      expect(other).toMatchObject({ action: "CREATED", error: null });
    },
  );

  it("records a FAILED attempt before an internal error propagates, so that no source stays PROVIDER_PENDING", async () => {
    const world = await scenario("GITHUB");
    // A fault injected where the delivery runs: a bug, not anything a tracker can answer.
    vi.spyOn(api.server.services.gateway, "call").mockRejectedValueOnce(new TypeError("a bug in the service"));

    const refused = await world.graphql(world.operator, EXPORT_TO_PROVIDER, {
      input: { sourceIds: [world.sourceIds[0]], targetId: world.targetId, onDuplicate: "UPDATE" },
    });

    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(["INTERNAL_SERVER_ERROR"]);
    expect(JSON.stringify(refused)).not.toContain("a bug in the service");
    const source = await world.source();
    expect(source.exportStatus).toBe("PROVIDER_FAILED");
    expect(source.ticketExports).toMatchObject([{ action: "FAILED", error: expect.stringMatching(/^An internal error interrupted this export/) }]);
    expect(await world.events()).toEqual([
      `NOT_EXPORTED->PROVIDER_PENDING provider-export:${world.targetId}`,
      `PROVIDER_PENDING->PROVIDER_FAILED ticket-export:${source.ticketExports[0].id}`,
    ]);
  });

  it("marks the target UNSUPPORTED when a linked ticket's project is gone too", async () => {
    const world = await scenario("GITHUB");
    await decide(world);
    const [first] = await world.exportTo([world.sourceIds[0]]);
    world.fake.failNext({ status: 404, times: 2 });

    const [gone] = await world.exportTo([world.sourceIds[0]], "UPDATE");

    expect(gone).toMatchObject({
      action: "FAILED",
      error: "GitHub has no such project or path, or the credential cannot see it (HTTP 404): Fake failure 404.",
      target: { state: "UNSUPPORTED" },
    });
    expect(world.fake.requests.slice(-2).map((request) => `${request.method} ${request.url}`)).toEqual([
      `PATCH /repos/acme/web/issues/${first.externalKey}`,
      "GET /repos/acme/web",
    ]);
    expect((await world.source()).fallbackDecision).toMatchObject({ outcome: "PORTABLE_FALLBACK", reason: "PROVIDER_PATH_UNSUPPORTED" });
  });

  it("marks the target UNSUPPORTED when the tracker answers 404 for the project, and stops calling it", async () => {
    const world = await scenario("GITHUB");
    await decide(world);
    world.fake.failNext({ status: 404 });

    const [failed] = await world.exportTo([world.sourceIds[0]]);

    expect(failed).toMatchObject({
      action: "FAILED",
      error: "GitHub has no such project or path, or the credential cannot see it (HTTP 404): Fake failure 404.",
      source: { exportStatus: "PROVIDER_FAILED" },
      target: { state: "UNSUPPORTED" },
    });
    expect(world.fake.requests).toHaveLength(2);
    expect(await world.target()).toMatchObject({ state: "UNSUPPORTED", lastError: failed.error });
    expect((await world.source()).fallbackDecision).toMatchObject({
      outcome: "PORTABLE_FALLBACK",
      reason: "PROVIDER_PATH_UNSUPPORTED",
      target: { id: world.targetId },
    });
    const [refused] = await world.exportTo([world.sourceIds[0]]);
    expect(refused).toMatchObject({
      action: "FAILED",
      error: 'GITHUB target "GITHUB tracker" cannot take report issues natively (target marked unsupported).',
    });
    expect(world.fake.requests).toHaveLength(2);
    expect(await world.events()).toEqual([
      `NOT_EXPORTED->PROVIDER_PENDING provider-export:${world.targetId}`,
      `PROVIDER_PENDING->PROVIDER_FAILED ticket-export:${failed.id}`,
    ]);
  });

  it("refuses the remaining sources of one call without calling the tracker once the first revokes the target", async () => {
    const world = await scenario("GITLAB", { count: 3 });
    world.fake.failNext({ status: 401 });

    const attempts = await world.exportTo(world.sourceIds);

    expect(attempts.map((attempt) => [attempt.action, attempt.source.exportStatus])).toEqual([
      ["FAILED", "PROVIDER_FAILED"],
      ["FAILED", "NOT_EXPORTED"],
      ["FAILED", "NOT_EXPORTED"],
    ]);
    expect(attempts[0].error).toMatch(/^GitLab refused the credential \(HTTP 401\)/);
    for (const attempt of attempts.slice(1)) {
      expect(attempt.error).toBe('The credential of GITLAB target "GITLAB tracker" was revoked; an admin must reconnect it.');
    }
    expect(world.fake.requests).toHaveLength(2);
    expect(world.fake.issues).toHaveLength(0);
  });

  it("refuses a disconnected target without calling it", async () => {
    const world = await scenario("LINEAR");
    await world.ok(world.admin, `mutation($id: ID!) { disconnectProviderTarget(id: $id) { state } }`, { id: world.targetId });
    const requestsBefore = world.fake.requests.length;

    const [refused] = await world.exportTo([world.sourceIds[0]]);

    expect(refused).toMatchObject({ action: "FAILED", externalKey: null, source: { exportStatus: "NOT_EXPORTED" }, target: { state: "DISCONNECTED" } });
    expect(refused.error).toMatch(/^No provider target is connected/);
    expect(world.fake.requests).toHaveLength(requestsBefore);
    expect(await world.events()).toEqual([]);
  });

  it.each(["GITHUB", "JIRA"] as const)("scrubs the credential from errors when %s echoes it back", async (provider) => {
    const world = await scenario(provider);
    const secrets = secretsOf(world.fake);
    const echo = `The token ${secrets.join(" and ")} is not valid for this repository`;
    const body = provider === "JIRA" ? { errorMessages: [echo], errors: {} } : { message: echo };
    world.fake.failNext({ status: 401, body });

    const [failed] = await world.exportTo([world.sourceIds[0]]);

    expect(failed.action).toBe("FAILED");
    expect(failed.error).toMatch(new RegExp(`^${SERVICE[provider]} refused the credential \\(HTTP 401\\): The token `));
    const target = await world.target();
    expect(target.state).toBe("REVOKED");
    await world.source();
    await world.events();
    // Nor is it stored in the clear anywhere an attempt, an event, a target or a decision is kept.
    const stored = JSON.stringify(
      await Promise.all(
        ["ticket_exports", "export_status_events", "provider_targets", "fallback_decisions"].map((table) =>
          api.server.services.database.rows(sql`select * from ${sql.identifier(table)}`),
        ),
      ),
    );
    for (const secret of secrets) {
      expect(failed.error).not.toContain(secret);
      expect(target.lastError).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    expect(stored).toContain(failed.error);
    world.expectCredentialKept();
  });
});
