import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSafeHttp, type SafeHttp } from "../../src/net/safe-http.js";
import { adapterFor, ProviderError, type ProviderAdapter, type TargetConnection, type TicketDraft } from "../../src/providers/index.js";
import { FAKE_PROVIDERS, startFakeTracker, type FakeIssue, type FakeProvider, type FakeTracker } from "../support/fake-trackers/index.js";

const NOW = new Date("2030-01-01T00:00:00.000Z");
const policy = { mode: "self-hosted", allowlist: ["127.0.0.1"] } as const;
const http = createSafeHttp({ policy });
const noWait = { sleep: async () => undefined };

const UNKNOWN_PROJECT: Record<FakeProvider, string> = {
  JIRA: "NOPE",
  GITHUB: "acme/nope",
  GITLAB: "acme/nope",
  BITBUCKET: "acme/nope",
  TRELLO: "5f1a2b3c4d5e6f7a8b9c0d99",
  LINEAR: "NOPE",
  AZURE_DEVOPS: "acme/Nope",
  YOUTRACK: "NOPE",
  ASANA: "1209999999999999",
  CLICKUP: "900000000",
};

const draft = (overrides: Partial<TicketDraft> = {}): TicketDraft => ({
  title: "Reflected XSS on /search",
  description: [
    { kind: "heading", depth: 2, text: "Finding" },
    { kind: "paragraph", text: "Source: REPORT_ISSUE/rx-101" },
    { kind: "checklist", items: ["Encode the q parameter"] },
  ],
  labels: ["security", "severity-high"],
  fingerprintLabel: "fp-7d3c9a1b2e",
  ...overrides,
});

/** The rejection of `promise`, which must be a ProviderError. */
async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe.each(FAKE_PROVIDERS)("the %s adapter against its fake tracker", (provider) => {
  let tracker: FakeTracker;
  let conn: TargetConnection;
  let adapter: ProviderAdapter;
  const adapterWith = (client: SafeHttp) => adapterFor(provider, client, { now: () => NOW, retry: noWait })!;

  beforeEach(async () => {
    tracker = await startFakeTracker(provider);
    conn = tracker.connection;
    adapter = adapterWith(http);
  });
  afterEach(() => tracker.close());

  /**
   * Asserts the labels a ticket keeps: exactly `labels` where the tracker has labels (in any order), none where it
   * has none (Bitbucket), and then the fingerprint label line in the body instead.
   */
  const expectLabels = (issue: FakeIssue, labels: string[], fingerprint = "fp-7d3c9a1b2e") => {
    if (tracker.keepsLabels) expect([...issue.labels].sort()).toEqual([...labels].sort());
    else expect({ labels: issue.labels, body: issue.body }).toEqual({ labels: [], body: expect.stringContaining(`Fingerprint label: ${fingerprint}`) });
  };

  it("passes the check with the valid credential", async () => {
    await expect(adapter.check(conn)).resolves.toBeUndefined();
  });

  it("reports a wrong credential as REVOKED", async () => {
    const error = await providerFailure(adapter.check({ ...conn, credential: "wrong:credential-0000" }));
    expect(error.kind).toBe("REVOKED");
  });

  it("reports an unknown project as UNSUPPORTED", async () => {
    const error = await providerFailure(adapter.check({ ...conn, projectKey: UNKNOWN_PROJECT[provider] }));
    expect(error.kind).toBe("UNSUPPORTED");
  });

  it("creates a ticket that carries the draft's labels and the fingerprint label", async () => {
    const ref = await adapter.create(conn, draft());
    expect(tracker.issues).toHaveLength(1);
    const [issue] = tracker.issues;
    expect(ref).toEqual({ key: issue.key, url: issue.url });
    expect(issue.title).toBe("Reflected XSS on /search");
    expect(issue.body).toContain("Source: REPORT_ISSUE/rx-101");
    expectLabels(issue, ["security", "severity-high", "fp-7d3c9a1b2e"]);
  });

  it("adds the fingerprint label even when the draft has no other label", async () => {
    await adapter.create(conn, draft({ labels: [] }));
    expectLabels(tracker.issues[0], ["fp-7d3c9a1b2e"]);
  });

  it("finds the ticket it created by its fingerprint label", async () => {
    tracker.addImported("fp-7d3c9a1b2e-other", "Another finding");
    const ref = await adapter.create(conn, draft());
    expect(await adapter.findByLabel(conn, "fp-7d3c9a1b2e")).toEqual(ref);
  });

  it("finds a ticket imported from a portable file, where its importer keeps the fingerprint", async () => {
    tracker.addIssue({ title: "Unrelated", labels: ["security"], body: "Nothing to see." });
    const imported = tracker.addImported("fp-hand-made-01");
    expect(await adapter.findByLabel(conn, "fp-hand-made-01")).toEqual({ key: imported.key, url: imported.url });
  });

  it("finds nothing when no ticket carries the label, not even one whose label merely starts with it", async () => {
    tracker.addIssue({ title: "Unrelated", labels: ["security"], body: "Nothing to see." });
    tracker.addImported("fp-absent-2");
    expect(await adapter.findByLabel(conn, "fp-absent")).toBeNull();
  });

  it("updates title, body and labels, keeping the fingerprint label", async () => {
    const created = await adapter.create(conn, draft());
    const updated = await adapter.update(conn, created.key, draft({
      title: "Still open",
      description: [{ kind: "paragraph", text: "Retested" }],
      labels: ["retest"],
    }));
    expect(updated).toEqual(created);
    const [issue] = tracker.issues;
    expect(issue.title).toBe("Still open");
    expect(issue.body).toMatch(/^Retested\n?/);
    expect(issue.body).not.toContain("Source: REPORT_ISSUE/rx-101");
    expectLabels(issue, ["fp-7d3c9a1b2e", "retest"]);
  });

  it("reports an edit of a ticket that is gone as UNSUPPORTED (Linear: as PERMANENT, its answer to a missing entity)", async () => {
    const created = await adapter.create(conn, draft());
    tracker.issues.splice(0);
    const error = await providerFailure(adapter.update(conn, created.key, draft()));
    expect(error.kind).toBe(provider === "LINEAR" ? "PERMANENT" : "UNSUPPORTED");
    expect(tracker.issues).toHaveLength(0);
  });

  it("reports a forced 404 as UNSUPPORTED", async () => {
    tracker.failNext({ status: 404 });
    expect((await providerFailure(adapter.check(conn))).kind).toBe("UNSUPPORTED");
  });

  it("reports a forced 403 as REVOKED", async () => {
    tracker.failNext({ status: 403 });
    expect((await providerFailure(adapter.check(conn))).kind).toBe("REVOKED");
  });

  it("reports 429 with Retry-After in seconds as RATE_LIMITED until now plus those seconds", async () => {
    tracker.failNext({ status: 429, headers: { "retry-after": "120" } });
    const error = await providerFailure(adapter.create(conn, draft()));
    expect(error).toMatchObject({ kind: "RATE_LIMITED", status: 429, retryAfter: new Date("2030-01-01T00:02:00.000Z") });
    expect(tracker.issues).toHaveLength(0);
  });

  it("reports 429 with an HTTP-date Retry-After as RATE_LIMITED until that date", async () => {
    tracker.failNext({ status: 429, headers: { "retry-after": "Tue, 01 Jan 2030 00:30:00 GMT" } });
    const error = await providerFailure(adapter.findByLabel(conn, "fp-any"));
    expect(error).toMatchObject({ kind: "RATE_LIMITED", retryAfter: new Date("2030-01-01T00:30:00.000Z") });
  });

  it("does not retry a rate-limited call", async () => {
    tracker.failNext({ status: 429, times: Infinity });
    await providerFailure(adapter.check(conn));
    expect(tracker.requests).toHaveLength(1);
  });

  it("retries a 500 and succeeds when the tracker recovers", async () => {
    tracker.failNext({ status: 500 });
    await adapter.check(conn);
    expect(tracker.requests).toHaveLength(2);
  });

  it("retries a 500 twice, then gives up with TRANSIENT", async () => {
    tracker.failNext({ status: 500, times: Infinity });
    const error = await providerFailure(adapter.check(conn));
    expect(error).toMatchObject({ kind: "TRANSIENT", status: 500 });
    expect(tracker.requests).toHaveLength(3);
  });

  it("looks the ticket up before re-sending a create that failed with a 5xx", async () => {
    tracker.addIssue({ title: "Created before the 502", labels: ["fp-7d3c9a1b2e"], body: "Fingerprint label: fp-7d3c9a1b2e" });
    tracker.failNext({ status: 502 });
    const ref = await adapter.create(conn, draft());
    expect(ref.key).toBe(tracker.issues[0].key);
    expect(tracker.issues).toHaveLength(1);
  });

  it("reaches the tracker only through the safe HTTP client: a loopback endpoint in cloud mode is UNSAFE_ENDPOINT, never contacted", async () => {
    const cloud = adapterWith(createSafeHttp({ policy: { mode: "cloud", allowlist: [] } }));
    const failures = await Promise.all([cloud.check(conn), cloud.findByLabel(conn, "fp-any"), cloud.create(conn, draft())].map(providerFailure));
    expect(failures.map((error) => error.kind)).toEqual(["UNSAFE_ENDPOINT", "UNSAFE_ENDPOINT", "UNSAFE_ENDPOINT"]);
    expect(tracker.requests).toHaveLength(0);
  });

  it("reports a tracker slower than the timeout as TRANSIENT", async () => {
    tracker.failNext({ delayMs: 5_000, times: Infinity });
    const impatient = adapterWith(createSafeHttp({ policy, timeoutMs: 50 }));
    expect((await providerFailure(impatient.check(conn))).kind).toBe("TRANSIENT");
  });

  it("never lets the credential out of its auth header, even when the tracker echoes it", async () => {
    const ref = await adapter.create(conn, draft());
    await adapter.findByLabel(conn, "fp-7d3c9a1b2e");
    await adapter.update(conn, ref.key, draft());
    const errors: ProviderError[] = [];
    for (const status of [400, 401, 404, 429, 500]) {
      const echo = { message: `token ${conn.credential} rejected`, errors: [{ message: `bad ${conn.credential}` }] };
      // A 500 is retried twice, so it has to happen three times to surface.
      tracker.failNext({ status, times: status === 500 ? 3 : 1, body: echo });
      errors.push(await providerFailure(adapter.check(conn)));
    }
    expect(errors.map((error) => error.kind)).toEqual(["PERMANENT", "REVOKED", "UNSUPPORTED", "RATE_LIMITED", "TRANSIENT"]);
    const secretParts = [conn.credential, ...conn.credential.split(":").filter((part) => part.length >= 8)];
    for (const secret of secretParts) {
      expect(tracker.whereSeen(secret)).toEqual([tracker.credentialHeader]);
      for (const error of errors) expect(`${error.message}\n${error.stack}`).not.toContain(secret);
    }
  });
});
