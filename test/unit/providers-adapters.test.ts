import { afterEach, describe, expect, it } from "vitest";
import type { Block } from "../../src/domain/render/ticket-layout.js";
import { Provider } from "../../src/domain/vocabulary.js";
import { createSafeHttp } from "../../src/net/safe-http.js";
import { adapterFor, NATIVE_PROVIDERS, ProviderError, type TicketDraft } from "../../src/providers/index.js";
import {
  GITLAB_PROJECT_ID,
  linearError,
  startFakeGitHub,
  startFakeGitLab,
  startFakeJira,
  startFakeLinear,
  type FakeTracker,
} from "../support/fake-trackers/index.js";

const NOW = new Date("2030-01-01T00:00:00.000Z");
const http = createSafeHttp({ policy: { mode: "self-hosted", allowlist: ["127.0.0.1"] } });
const adapter = (provider: Provider) => adapterFor(provider, http, { now: () => NOW, retry: { sleep: async () => undefined } })!;

const draft = (overrides: Partial<TicketDraft> = {}): TicketDraft => ({
  title: "Open redirect on /login",
  description: [{ kind: "paragraph", text: "Source: FIX_TASK/fx-9" }],
  labels: ["security"],
  fingerprintLabel: "fp-0a1b2c3d",
  ...overrides,
});

let trackers: FakeTracker[] = [];
async function started<T extends FakeTracker>(tracker: Promise<T>): Promise<T> {
  const running = await tracker;
  trackers.push(running);
  return running;
}
afterEach(async () => {
  await Promise.all(trackers.map((tracker) => tracker.close()));
  trackers = [];
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as ProviderError,
  );

describe("the adapter registry", () => {
  it("offers native export for GitHub, GitLab, Jira and Linear", () => {
    expect([...NATIVE_PROVIDERS].sort()).toEqual(["GITHUB", "GITLAB", "JIRA", "LINEAR"]);
  });

  it.each(Object.values(Provider).filter((provider) => !NATIVE_PROVIDERS.includes(provider)))(
    "has no adapter for %s",
    (provider) => {
      expect(adapterFor(provider, http)).toBeNull();
    },
  );

  it("reports an endpoint the policy refuses as UNSAFE_ENDPOINT without contacting it", async () => {
    const tracker = await started(startFakeGitHub());
    const cloudHttp = createSafeHttp({ policy: { mode: "cloud", allowlist: [] } });
    const error = await rejection(adapterFor("GITHUB", cloudHttp)!.check(tracker.connection));
    expect(error).toMatchObject({ kind: "UNSAFE_ENDPOINT" });
    expect(tracker.requests).toHaveLength(0);
  });
});

describe("the GitHub adapter", () => {
  it("sends GitHub's media type, API version and a User-Agent", async () => {
    const tracker = await started(startFakeGitHub());
    await adapter("GITHUB").check(tracker.connection);
    expect(tracker.requests[0].headers).toMatchObject({
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
      "user-agent": expect.any(String),
    });
  });

  it("passes over pull requests that carry the label", async () => {
    const tracker = await started(startFakeGitHub());
    tracker.addIssue({ title: "A pull request", labels: ["fp-0a1b2c3d"], pullRequest: true });
    expect(await adapter("GITHUB").findByLabel(tracker.connection, "fp-0a1b2c3d")).toBeNull();
  });

  it("cuts labels to 50 characters and finds the ticket by the same cut label", async () => {
    const tracker = await started(startFakeGitHub());
    const long = `fp-${"a".repeat(60)}`;
    const ref = await adapter("GITHUB").create(tracker.connection, draft({ fingerprintLabel: long }));
    expect(tracker.issues[0].labels).toContain(long.slice(0, 50));
    expect(await adapter("GITHUB").findByLabel(tracker.connection, long)).toEqual(ref);
  });

  it("refuses a project key that is not owner/repo without sending anything", async () => {
    const tracker = await started(startFakeGitHub());
    const error = await rejection(adapter("GITHUB").check({ ...tracker.connection, projectKey: "just-a-repo" }));
    expect(error).toMatchObject({ kind: "UNSUPPORTED" });
    expect(tracker.requests).toHaveLength(0);
  });

  it("reads a 403 with an exhausted rate limit as RATE_LIMITED until the reset", async () => {
    const tracker = await started(startFakeGitHub());
    tracker.failNext({ status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1893456600" } });
    const error = await rejection(adapter("GITHUB").check(tracker.connection));
    expect(error).toMatchObject({ kind: "RATE_LIMITED", retryAfter: new Date("2030-01-01T00:10:00.000Z") });
  });
});

describe("the GitLab adapter", () => {
  it("sends a group/project key URL-encoded as one path segment", async () => {
    const tracker = await started(startFakeGitLab());
    await adapter("GITLAB").check(tracker.connection);
    expect(tracker.requests[0].url).toBe("/api/v4/projects/acme%2Fweb");
  });

  it("addresses a project by its numeric id", async () => {
    const tracker = await started(startFakeGitLab());
    await adapter("GITLAB").create({ ...tracker.connection, projectKey: GITLAB_PROJECT_ID }, draft());
    expect(tracker.issues).toHaveLength(1);
  });

  it("accepts an instance URL that already ends in /api/v4", async () => {
    const tracker = await started(startFakeGitLab());
    await expect(adapter("GITLAB").check({ ...tracker.connection, baseUrl: `${tracker.baseUrl}/api/v4/` })).resolves.toBeUndefined();
  });

  it("keeps a comma inside a label from splitting it", async () => {
    const tracker = await started(startFakeGitLab());
    await adapter("GITLAB").create(tracker.connection, draft({ labels: ["owasp a1, injection"] }));
    expect(tracker.issues[0].labels).toEqual(["owasp a1 injection", "fp-0a1b2c3d"]);
  });
});

describe("the Jira adapter", () => {
  it("sends an email:token credential as Basic auth", async () => {
    const tracker = await started(startFakeJira());
    await adapter("JIRA").check(tracker.connection);
    expect(tracker.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(tracker.credential).toString("base64")}`);
  });

  it("sends a credential without a colon as a bearer token", async () => {
    const tracker = await started(startFakeJira({ credential: "jira-pat-without-colon-0123" }));
    await adapter("JIRA").check(tracker.connection);
    expect(tracker.requests[0].headers.authorization).toBe("Bearer jira-pat-without-colon-0123");
  });

  it("sends the description as an Atlassian document and creates a Task by default", async () => {
    const tracker = await started(startFakeJira());
    const description: Block[] = [
      { kind: "heading", depth: 1, text: "Finding" },
      { kind: "paragraph", text: "See https://example.test/a" },
    ];
    await adapter("JIRA").create(tracker.connection, draft({ description }));
    const sent = JSON.parse(tracker.requests[0].body) as { fields: { issuetype: { name: string } } };
    expect(sent.fields.issuetype).toEqual({ name: "Task" });
    expect(tracker.issues[0].document).toMatchObject({ type: "doc", version: 1 });
    expect(tracker.issues[0].body).toContain("See https://example.test/a");
  });

  it("creates the issue type the draft asks for", async () => {
    const tracker = await started(startFakeJira());
    await adapter("JIRA").create(tracker.connection, draft({ issueType: "Bug" }));
    expect(JSON.parse(tracker.requests[0].body)).toMatchObject({ fields: { issuetype: { name: "Bug" } } });
  });

  it("turns spaces in labels into dashes, and finds the ticket by the same label", async () => {
    const tracker = await started(startFakeJira());
    const ref = await adapter("JIRA").create(tracker.connection, draft({ labels: ["high severity"], fingerprintLabel: "fp 42" }));
    expect(tracker.issues[0].labels).toEqual(["high-severity", "fp-42"]);
    expect(await adapter("JIRA").findByLabel(tracker.connection, "fp 42")).toEqual(ref);
  });

  it("escapes quotes in the JQL it searches with", async () => {
    const tracker = await started(startFakeJira());
    const imported = tracker.addIssue({ title: "Imported", labels: ['fp"quoted\\'] });
    expect(await adapter("JIRA").findByLabel(tracker.connection, 'fp"quoted\\')).toMatchObject({ key: imported.key });
  });

  it("links tickets to the site's browse page", async () => {
    const tracker = await started(startFakeJira());
    expect(await adapter("JIRA").create(tracker.connection, draft())).toEqual({ key: "SEC-1", url: `${tracker.baseUrl}/browse/SEC-1` });
  });
});

describe("the Linear adapter", () => {
  it("sends the API key bare in Authorization", async () => {
    const tracker = await started(startFakeLinear());
    await adapter("LINEAR").check(tracker.connection);
    expect(tracker.requests[0].headers.authorization).toBe(tracker.credential);
  });

  it("addresses a team by its id as well as by its key", async () => {
    const tracker = await started(startFakeLinear());
    await adapter("LINEAR").create({ ...tracker.connection, projectKey: tracker.teamId }, draft());
    expect(tracker.issues).toHaveLength(1);
  });

  it("reuses workspace and team labels and creates only the missing ones", async () => {
    const tracker = await started(startFakeLinear());
    tracker.labels.push({ id: "workspace-security", name: "security", teamId: null });
    await adapter("LINEAR").create(tracker.connection, draft());
    await adapter("LINEAR").create(tracker.connection, draft({ title: "Second" }));
    expect(tracker.labels.map((label) => label.name).sort()).toEqual(["fp-0a1b2c3d", "security"]);
    expect(tracker.issues.map((issue) => issue.labels)).toEqual([
      ["security", "fp-0a1b2c3d"],
      ["security", "fp-0a1b2c3d"],
    ]);
  });

  it("reads RATELIMITED in a 200 answer as RATE_LIMITED until Linear's reset", async () => {
    const tracker = await started(startFakeLinear());
    const reset = String(Date.parse("2030-01-01T00:20:00.000Z"));
    tracker.failNext({ status: 200, body: linearError("RATELIMITED"), headers: { "x-ratelimit-requests-reset": reset } });
    const error = await rejection(adapter("LINEAR").check(tracker.connection));
    expect(error).toMatchObject({ kind: "RATE_LIMITED", retryAfter: new Date("2030-01-01T00:20:00.000Z") });
  });

  it("reads AUTHENTICATION_ERROR under HTTP 400 as REVOKED", async () => {
    const tracker = await started(startFakeLinear());
    tracker.failNext({ status: 400, body: linearError("AUTHENTICATION_ERROR", "Authentication required") });
    expect(await rejection(adapter("LINEAR").check(tracker.connection))).toMatchObject({ kind: "REVOKED" });
  });

  it("reads an unknown GraphQL error in a 200 answer as PERMANENT", async () => {
    const tracker = await started(startFakeLinear());
    tracker.failNext({ status: 200, body: linearError("INVALID_INPUT", "Argument Validation Error") });
    const error = await rejection(adapter("LINEAR").check(tracker.connection));
    expect(error).toMatchObject({ kind: "PERMANENT", message: expect.stringContaining("Argument Validation Error") });
  });
});
