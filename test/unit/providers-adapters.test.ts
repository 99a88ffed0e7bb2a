import { afterEach, describe, expect, it } from "vitest";
import type { Block } from "../../src/domain/render/ticket-layout.js";
import { supportsNativeExport } from "../../src/domain/native-support.js";
import { Provider } from "../../src/domain/vocabulary.js";
import { createSafeHttp } from "../../src/net/safe-http.js";
import { adapterFor, NATIVE_PROVIDERS, ProviderError, type TicketDraft } from "../../src/providers/index.js";
import {
  GITLAB_PROJECT_ID,
  linearError,
  startFakeAsana,
  startFakeAzureDevOps,
  startFakeBitbucket,
  startFakeClickUp,
  startFakeGitHub,
  startFakeGitLab,
  startFakeJira,
  startFakeLinear,
  startFakeTrello,
  startFakeYouTrack,
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
  it("offers native export to every tracker of the Provider enum", () => {
    expect([...NATIVE_PROVIDERS].sort()).toEqual(
      ["ASANA", "AZURE_DEVOPS", "BITBUCKET", "CLICKUP", "GITHUB", "GITLAB", "JIRA", "LINEAR", "TRELLO", "YOUTRACK"],
    );
  });

  it("has no adapter for OTHER, which names no tracker to speak to", () => {
    expect(adapterFor("OTHER", http)).toBeNull();
  });

  it.each(Object.values(Provider))("agrees with the decision rules on whether %s has an adapter", (provider) => {
    expect(NATIVE_PROVIDERS.includes(provider)).toBe(supportsNativeExport(provider, "REPORT_ISSUE"));
    expect(NATIVE_PROVIDERS.includes(provider)).toBe(supportsNativeExport(provider, "FIX_TASK"));
  });

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

  it("uses the label another export made between its lookup and its own attempt, which Linear refuses as a duplicate", async () => {
    const tracker = await started(startFakeLinear());
    tracker.labels.push({ id: "team-web", name: "web", teamId: tracker.teamId });
    // The team lookup answers normally; the label lookup answers as it would have a moment earlier.
    tracker.failNext({});
    tracker.failNext({ status: 200, body: { data: { issueLabels: { nodes: [] } } } });
    await adapter("LINEAR").create(tracker.connection, draft({ labels: ["web"] }));
    expect(tracker.labels.map((label) => label.name).sort()).toEqual(["fp-0a1b2c3d", "web"]);
    expect(tracker.issues[0].labels).toEqual(["web", "fp-0a1b2c3d"]);
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

describe("the GitHub and GitLab lookups of a pasted ticket", () => {
  it("finds a GitHub issue pasted without the label by issue search for the label in bodies, never a pull request", async () => {
    const tracker = await started(startFakeGitHub());
    tracker.addIssue({ title: "A pull request", labels: [], body: "Fingerprint label: fp-0a1b2c3d", pullRequest: true });
    tracker.addIssue({ title: "A longer label", labels: [], body: "Fingerprint label: fp-0a1b2c3d-2" });
    const pasted = tracker.addIssue({ title: "Pasted", labels: [], body: "Fingerprint label: fp-0a1b2c3d" });
    expect(await adapter("GITHUB").findByLabel(tracker.connection, "fp-0a1b2c3d")).toEqual({ key: pasted.key, url: pasted.url });
    const search = new URL(tracker.requests.at(-1)!.url, "http://fake");
    expect(search.pathname).toBe("/search/issues");
    expect(search.searchParams.get("q")).toBe('"fp-0a1b2c3d" in:body is:issue repo:acme/web');
  });

  it("finds a GitLab issue whose label quick action did not run by searching descriptions", async () => {
    const tracker = await started(startFakeGitLab());
    const imported = tracker.addIssue({ title: "Imported", labels: [], body: "Details\n\n- Fingerprint label: fp-0a1b2c3d" });
    expect(await adapter("GITLAB").findByLabel(tracker.connection, "fp-0a1b2c3d")).toMatchObject({ key: imported.key });
    expect(tracker.requests.at(-1)!.url).toContain("search=fp-0a1b2c3d&in=description");
  });
});

describe("the Azure DevOps adapter", () => {
  it("sends the personal access token as Basic auth with an empty user name, asking for a 401 rather than a sign-in page", async () => {
    const tracker = await started(startFakeAzureDevOps());
    await adapter("AZURE_DEVOPS").check(tracker.connection);
    expect(tracker.requests[0].headers).toMatchObject({
      authorization: `Basic ${Buffer.from(`:${tracker.credential}`).toString("base64")}`,
      "x-tfs-fedauthredirect": "Suppress",
    });
    expect(tracker.requests[0].url).toBe("/acme/_apis/projects/Web?api-version=6.0");
  });

  it("reads a 203 sign-in page as REVOKED", async () => {
    const tracker = await started(startFakeAzureDevOps());
    tracker.failNext({ status: 203, body: "<html>Sign in</html>" });
    expect(await rejection(adapter("AZURE_DEVOPS").check(tracker.connection))).toMatchObject({ kind: "REVOKED" });
  });

  it("creates a Task by JSON Patch with an HTML description in which the body's text stays text", async () => {
    const tracker = await started(startFakeAzureDevOps());
    const description: Block[] = [
      { kind: "paragraph", text: "Reflected <script>alert(1)</script> in *q*; [link](javascript:alert(1))" },
      { kind: "links", links: [{ label: "Evidence", href: "https://example.test/a" }] },
    ];
    const ref = await adapter("AZURE_DEVOPS").create(tracker.connection, draft({ description, labels: ["owasp; a1", "web"] }));
    expect(ref).toEqual({ key: "1", url: `${tracker.baseUrl}/acme/Web/_workitems/edit/1` });
    const [request] = tracker.requests;
    expect(request.url).toBe("/acme/Web/_apis/wit/workitems/$Task?api-version=6.0");
    expect(request.headers["content-type"]).toBe("application/json-patch+json");
    const html = String(tracker.issues[0].document);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<script|href="javascript:/i);
    expect(html).toContain('<a href="https://example.test/a">');
    expect(tracker.issues[0].labels).toEqual(["owasp a1", "web", "fp-0a1b2c3d"]);
  });

  it("finds a work item by its fingerprint tag through WIQL, quotes doubled", async () => {
    const tracker = await started(startFakeAzureDevOps());
    const imported = tracker.addIssue({ title: "Imported", labels: ["fp'quoted"] });
    expect(await adapter("AZURE_DEVOPS").findByLabel(tracker.connection, "fp'quoted")).toMatchObject({ key: imported.key });
    expect(JSON.parse(tracker.requests[0].body).query).toContain("[System.Tags] CONTAINS 'fp''quoted'");
  });

  it("addresses a project below a base URL that already names the organization", async () => {
    const tracker = await started(startFakeAzureDevOps());
    const conn = { ...tracker.connection, baseUrl: `${tracker.baseUrl}/acme`, projectKey: "Web" };
    await adapter("AZURE_DEVOPS").check(conn);
    expect(tracker.requests[0].url).toBe("/acme/_apis/projects/Web?api-version=6.0");
  });

  it("refuses a project key with more than organization/project without sending anything", async () => {
    const tracker = await started(startFakeAzureDevOps());
    const error = await rejection(adapter("AZURE_DEVOPS").check({ ...tracker.connection, projectKey: "acme/Web/extra" }));
    expect(error).toMatchObject({ kind: "UNSUPPORTED" });
    expect(tracker.requests).toHaveLength(0);
  });
});

describe("the Bitbucket adapter", () => {
  it("sends user:app-password as Basic auth and an access token as a bearer token", async () => {
    const basic = await started(startFakeBitbucket());
    await adapter("BITBUCKET").check(basic.connection);
    expect(basic.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(basic.credential).toString("base64")}`);
    const bearer = await started(startFakeBitbucket({ credential: "ATCTTfakeRepositoryAccessToken0123" }));
    await adapter("BITBUCKET").check(bearer.connection);
    expect(bearer.requests[0].headers.authorization).toBe("Bearer ATCTTfakeRepositoryAccessToken0123");
  });

  it("reports a repository without an issue tracker as UNSUPPORTED", async () => {
    const tracker = await started(startFakeBitbucket());
    tracker.failNext({ status: 200, body: { full_name: "acme/web", has_issues: false } });
    const error = await rejection(adapter("BITBUCKET").check(tracker.connection));
    expect(error).toMatchObject({ kind: "UNSUPPORTED", message: expect.stringContaining("no issue tracker") });
  });

  it("keeps the fingerprint label in the description, adding its line when the body lacks it, and files findings as bugs", async () => {
    const tracker = await started(startFakeBitbucket());
    await adapter("BITBUCKET").create(tracker.connection, draft({ issueType: "Bug" }));
    await adapter("BITBUCKET").create(tracker.connection, draft({ description: [{ kind: "paragraph", text: "Already names fp-0a1b2c3d." }] }));
    expect(tracker.issues.map((issue) => [issue.kind, issue.labels, issue.body])).toEqual([
      ["bug", [], "Source: FIX_TASK/fx-9\n\nFingerprint label: fp-0a1b2c3d\n"],
      ["task", [], "Already names fp-0a1b2c3d.\n"],
    ]);
  });

  it("searches descriptions with BBQL and reads further pages for the whole label", async () => {
    const tracker = await started(startFakeBitbucket());
    for (let index = 0; index < 60; index++) tracker.addIssue({ title: `Near ${index}`, labels: [], body: `fp-0a1b2c3d-${index}` });
    const wanted = tracker.addIssue({ title: "Imported", labels: [], body: 'Fingerprint label: fp-0a1b2c3d\n\nSays "quoted".' });
    expect(await adapter("BITBUCKET").findByLabel(tracker.connection, "fp-0a1b2c3d")).toMatchObject({ key: wanted.key });
    const pages = tracker.requests.map((request) => new URL(request.url, "http://fake").searchParams);
    expect(pages.map((query) => query.get("page"))).toEqual(["1", "2"]);
    expect(pages[0].get("q")).toBe('content.raw ~ "fp-0a1b2c3d"');
  });
});

describe("the ClickUp adapter", () => {
  it("sends the personal token bare in Authorization and the body as Markdown", async () => {
    const tracker = await started(startFakeClickUp());
    const description: Block[] = [
      { kind: "heading", depth: 2, text: "Finding" },
      { kind: "paragraph", text: "*not emphasis*" },
    ];
    await adapter("CLICKUP").create(tracker.connection, draft({ description }));
    expect(tracker.requests[0].headers.authorization).toBe(tracker.credential);
    expect(JSON.parse(tracker.requests[0].body)).toMatchObject({ markdown_content: "## Finding\n\n\\*not emphasis\\*\n" });
  });

  it("reads 401 Team not authorized as UNSUPPORTED (the list), and 401 Token invalid as REVOKED (the token)", async () => {
    const tracker = await started(startFakeClickUp());
    expect(await rejection(adapter("CLICKUP").check({ ...tracker.connection, projectKey: "1" }))).toMatchObject({ kind: "UNSUPPORTED" });
    expect(await rejection(adapter("CLICKUP").check({ ...tracker.connection, credential: "pk_1_WRONG" }))).toMatchObject({ kind: "REVOKED" });
  });

  it("keeps tags in lower case and finds a ticket by its tag in any case", async () => {
    const tracker = await started(startFakeClickUp());
    const ref = await adapter("CLICKUP").create(tracker.connection, draft({ labels: ["OWASP-A1"], fingerprintLabel: "FP-0A1B" }));
    expect(tracker.issues[0].labels).toEqual(["owasp-a1", "fp-0a1b"]);
    expect(await adapter("CLICKUP").findByLabel(tracker.connection, "FP-0A1B")).toEqual(ref);
  });

  it("changes tags one by one on update, since an edit cannot set them", async () => {
    const tracker = await started(startFakeClickUp());
    const ref = await adapter("CLICKUP").create(tracker.connection, draft({ labels: ["old"] }));
    await adapter("CLICKUP").update(tracker.connection, ref.key, draft({ labels: ["new"] }));
    expect(tracker.requests.slice(1).map((request) => `${request.method} ${decodeURIComponent(request.url)}`)).toEqual([
      `PUT /api/v2/task/${ref.key}`,
      `POST /api/v2/task/${ref.key}/tag/new`,
      `DELETE /api/v2/task/${ref.key}/tag/old`,
    ]);
    expect(tracker.issues[0].labels.sort()).toEqual(["fp-0a1b2c3d", "new"]);
  });

  it("reads a 429 as RATE_LIMITED until ClickUp's X-RateLimit-Reset (epoch seconds)", async () => {
    const tracker = await started(startFakeClickUp());
    tracker.failNext({ status: 429, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1893456600" } });
    const error = await rejection(adapter("CLICKUP").check(tracker.connection));
    expect(error).toMatchObject({ kind: "RATE_LIMITED", retryAfter: new Date("2030-01-01T00:10:00.000Z") });
  });
});

describe("the Trello adapter", () => {
  it("sends key and token in Trello's OAuth-style Authorization header, never in the URL", async () => {
    const tracker = await started(startFakeTrello());
    await adapter("TRELLO").create(tracker.connection, draft());
    const [key, token] = tracker.credential.split(":");
    expect(tracker.requests[0].headers.authorization).toBe(`OAuth oauth_consumer_key="${key}", oauth_token="${token}"`);
    for (const secret of [key, token]) expect(tracker.whereSeen(secret)).toEqual(["header:authorization"]);
  });

  it("refuses a credential that is not key:token as REVOKED without sending anything", async () => {
    const tracker = await started(startFakeTrello());
    const error = await rejection(adapter("TRELLO").check({ ...tracker.connection, credential: "just-a-token-0123456789" }));
    expect(error).toMatchObject({ kind: "REVOKED", message: expect.stringContaining("key:token") });
    expect(tracker.requests).toHaveLength(0);
  });

  it("puts cards in the board's first open list, or the list the project key names, reusing board labels", async () => {
    const tracker = await started(startFakeTrello());
    await adapter("TRELLO").create(tracker.connection, draft());
    const named = { ...tracker.connection, projectKey: `AbCdEf12/${"5f1a2b3c4d5e6f7a8b9c0d2f"}` };
    await adapter("TRELLO").create(named, draft({ title: "Second" }));
    const posts = tracker.requests.filter((request) => request.method === "POST").map((request) => `${request.url} ${JSON.parse(request.body).name}`);
    expect(posts).toEqual(["/1/labels security", "/1/labels fp-0a1b2c3d", "/1/cards Open redirect on /login", "/1/cards Second"]);
    expect(tracker.labels.map((label) => [label.name, label.color])).toEqual([
      ["security", null],
      ["fp-0a1b2c3d", null],
    ]);
  });

  it("finds a card someone pasted by the label text in its description, through search", async () => {
    const tracker = await started(startFakeTrello());
    tracker.addIssue({ title: "Near", labels: [], body: "Fingerprint label: fp-0a1b2c3d-9" });
    const pasted = tracker.addIssue({ title: "Pasted", labels: [], body: "Fingerprint label: fp-0a1b2c3d" });
    expect(await adapter("TRELLO").findByLabel(tracker.connection, "fp-0a1b2c3d")).toEqual({ key: pasted.key, url: pasted.url });
    expect(new URL(tracker.requests.at(-1)!.url, "http://fake").searchParams.get("query")).toBe('"fp-0a1b2c3d"');
  });

  it("cuts a description past 16,384 characters and keeps the fingerprint label at its end", async () => {
    const tracker = await started(startFakeTrello());
    await adapter("TRELLO").create(tracker.connection, draft({ description: [{ kind: "paragraph", text: "x".repeat(20_000) }] }));
    const [card] = tracker.issues;
    expect(card.body).toHaveLength(16_384);
    expect(card.body.endsWith("Fingerprint label: fp-0a1b2c3d\n")).toBe(true);
  });

  it("reads Trello's 429 as RATE_LIMITED for the length of its longest window", async () => {
    const tracker = await started(startFakeTrello());
    const headers = { "x-rate-limit-api-token-interval-ms": "10000", "x-rate-limit-api-key-interval-ms": "10000" };
    tracker.failNext({ status: 429, headers });
    const error = await rejection(adapter("TRELLO").check(tracker.connection));
    expect(error).toMatchObject({ kind: "RATE_LIMITED", retryAfter: new Date("2030-01-01T00:00:10.000Z") });
    expect(error?.message).toContain("Rate limit exceeded");
  });
});

describe("the YouTrack adapter", () => {
  it("sends the permanent token as a bearer token to /api, with or without /api in the base URL", async () => {
    const tracker = await started(startFakeYouTrack());
    await adapter("YOUTRACK").check({ ...tracker.connection, baseUrl: `${tracker.baseUrl}/api/` });
    expect(tracker.requests[0]).toMatchObject({ url: expect.stringMatching(/^\/api\/admin\/projects\?/), headers: { authorization: `Bearer ${tracker.credential}` } });
  });

  it("creates a Markdown issue and tags it, creating a missing tag once", async () => {
    const tracker = await started(startFakeYouTrack());
    const ref = await adapter("YOUTRACK").create(tracker.connection, draft());
    await adapter("YOUTRACK").create(tracker.connection, draft({ title: "Second" }));
    expect(ref).toEqual({ key: "SEC-1", url: `${tracker.baseUrl}/issue/SEC-1` });
    expect(JSON.parse(tracker.requests.find((request) => request.url.startsWith("/api/issues?"))!.body)).toMatchObject({ usesMarkdown: true });
    expect(tracker.tags.map((tag) => tag.name)).toEqual(["security", "fp-0a1b2c3d"]);
    expect(tracker.issues.map((issue) => issue.labels)).toEqual([
      ["security", "fp-0a1b2c3d"],
      ["security", "fp-0a1b2c3d"],
    ]);
  });

  it("reuses a tag listed after many whose names contain it, rather than making a second one YouTrack refuses", async () => {
    const tracker = await started(startFakeYouTrack());
    for (let index = 0; index < 60; index++) tracker.tags.push({ id: `6-${100 + index}`, name: `web-${index}` });
    tracker.tags.push({ id: "6-999", name: "web" });
    await adapter("YOUTRACK").create(tracker.connection, draft({ labels: ["web"] }));
    expect(tracker.tags.filter((tag) => tag.name === "web")).toEqual([{ id: "6-999", name: "web" }]);
    expect(tracker.issues[0].labels).toEqual(["web", "fp-0a1b2c3d"]);
  });

  it("uses the tag another export made between its lookup and its own attempt, which YouTrack refuses as a duplicate", async () => {
    const tracker = await started(startFakeYouTrack());
    tracker.tags.push({ id: "6-7", name: "web" });
    // Project lookup and issue create answer normally; the tag lookup answers as it would have a moment earlier.
    tracker.failNext({ times: 2 });
    tracker.failNext({ status: 200, body: [] });
    await adapter("YOUTRACK").create(tracker.connection, draft({ labels: ["web"] }));
    expect(tracker.requests.slice(2, 5).map((request) => `${request.method} ${request.url.split("?")[0]}`)).toEqual([
      "GET /api/tags",
      "POST /api/tags",
      "GET /api/tags",
    ]);
    expect(tracker.tags.filter((tag) => tag.name === "web")).toHaveLength(1);
    expect(tracker.issues[0].labels).toEqual(["web", "fp-0a1b2c3d"]);
  });

  it("finds an issue by its tag first, and by the label text in descriptions when no tag is visible", async () => {
    const tracker = await started(startFakeYouTrack());
    const tagged = tracker.addIssue({ title: "Tagged", labels: ["fp-0a1b2c3d"] });
    expect(await adapter("YOUTRACK").findByLabel(tracker.connection, "fp-0a1b2c3d")).toMatchObject({ key: tagged.key });
    const imported = tracker.addImported("fp-99");
    expect(await adapter("YOUTRACK").findByLabel(tracker.connection, "fp-99")).toMatchObject({ key: imported.key });
    expect(decodeURIComponent(tracker.requests.at(-1)!.url.replace(/\+/g, " "))).toContain('query=project: {SEC} "fp-99"');
  });
});

describe("the Asana adapter", () => {
  it("writes notes as plain text: the text as written, structure kept as lines", async () => {
    const tracker = await started(startFakeAsana());
    const description: Block[] = [
      { kind: "paragraph", text: "Reflected <b>input</b> in *q*" },
      { kind: "heading", depth: 3, text: "Details" },
      { kind: "fields", fields: [{ name: "Source ID", value: "scan:42/xss_[q]*", href: null }] },
      { kind: "links", links: [{ label: "Report", href: "https://example.test/r" }] },
    ];
    await adapter("ASANA").create(tracker.connection, draft({ description }));
    expect(tracker.issues[0].body).toBe("Reflected <b>input</b> in *q*\n\nDetails\n\n- Source ID: scan:42/xss_[q]*\n\n- Report: https://example.test/r");
    expect(JSON.parse(tracker.requests.find((request) => request.url.startsWith("/api/1.0/tasks"))!.body)).toMatchObject({
      data: { projects: [tracker.projectKey] },
    });
  });

  it("reuses a workspace tag found by typeahead and creates only the missing ones", async () => {
    const tracker = await started(startFakeAsana());
    tracker.tags.push({ gid: "1300000000000099", name: "security" }, { gid: "1300000000000098", name: "security-extra" });
    await adapter("ASANA").create(tracker.connection, draft());
    expect(tracker.tags.map((tag) => tag.name)).toEqual(["security", "security-extra", "fp-0a1b2c3d"]);
    expect(tracker.issues[0].labels).toEqual(["security", "fp-0a1b2c3d"]);
  });

  it("finds a task whose notes carry the label, reading the project's tasks page by page", async () => {
    const tracker = await started(startFakeAsana());
    for (let index = 0; index < 120; index++) tracker.addIssue({ title: `Task ${index}`, labels: [], body: `notes ${index}` });
    const imported = tracker.addImported("fp-0a1b2c3d");
    expect(await adapter("ASANA").findByLabel(tracker.connection, "fp-0a1b2c3d")).toMatchObject({ key: imported.key });
    expect(tracker.requests.map((request) => new URL(request.url, "http://fake").searchParams.get("offset"))).toEqual([null, "50", "100"]);
  });

  it("refuses a project key that is not a gid without sending anything", async () => {
    const tracker = await started(startFakeAsana());
    expect(await rejection(adapter("ASANA").check({ ...tracker.connection, projectKey: "Security board" }))).toMatchObject({ kind: "UNSUPPORTED" });
    expect(tracker.requests).toHaveLength(0);
  });
});
