import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { startFakeTracker, type FakeTracker } from "../support/fake-trackers/index.js";
import { startTestServer, type TestServer } from "../support/server.js";

const TARGET_FIELDS = "id provider name baseUrl projectKey state retryAfter consecutiveFailures lastError";

const CONNECT = /* GraphQL */ `
  mutation Connect($input: ConnectProviderTargetInput!) {
    connectProviderTarget(input: $input) { ${TARGET_FIELDS} }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateProviderTargetInput!) {
    updateProviderTarget(id: $id, input: $input) { ${TARGET_FIELDS} }
  }
`;
const DISCONNECT = /* GraphQL */ `
  mutation Disconnect($id: ID!) {
    disconnectProviderTarget(id: $id) { ${TARGET_FIELDS} }
  }
`;
const TARGETS = `{ providerTargets { ${TARGET_FIELDS} } }`;

/** Lets the service reach fake trackers on 127.0.0.1 (they speak plain http on loopback). */
const SELF_HOSTED = { DEPLOYMENT_MODE: "self-hosted", PROVIDER_ENDPOINT_ALLOWLIST: "127.0.0.1", PROVIDER_RETRY_BASE_MS: "1" };

/** Every stored column of the organization's targets, as one string to search for leaked secrets. */
async function storedTargets(api: TestServer): Promise<string> {
  const rows = await api.server.services.database.rows(sql`select * from provider_targets`);
  return JSON.stringify(rows);
}

describe.each(backends)("provider targets on $name", (backend) => {
  let api: TestServer;
  const trackers: FakeTracker[] = [];
  const tracker = async (...args: Parameters<typeof startFakeTracker>) => {
    const started = await startFakeTracker(...args);
    trackers.push(started);
    return started;
  };

  beforeAll(async () => {
    api = await startTestServer(backend, SELF_HOSTED);
  });
  afterAll(async () => {
    await Promise.all(trackers.map((fake) => fake.close()));
    await api?.close();
  });

  it("connects a working GitHub tracker as ACTIVE after one authenticated read of the repository", async () => {
    const admin = await api.token("connect-ok", "admin");
    const github = await tracker("GITHUB");
    const { connectProviderTarget } = await api.ok(admin, CONNECT, { input: { ...github.connection, name: "Acme repo" } });
    expect(connectProviderTarget).toMatchObject({
      provider: "GITHUB",
      name: "Acme repo",
      baseUrl: github.baseUrl,
      projectKey: "acme/web",
      state: "ACTIVE",
      retryAfter: null,
      consecutiveFailures: 0,
      lastError: null,
    });
    expect(github.requests.map((request) => `${request.method} ${request.url}`)).toEqual(["GET /repos/acme/web"]);
    // The credential goes to the tracker in the Authorization header and nowhere else.
    expect(github.whereSeen(github.credential)).toEqual(["header:authorization"]);
    const { providerTargets } = await api.ok(admin, TARGETS);
    expect(providerTargets).toEqual([connectProviderTarget]);
  });

  it("connects a working Jira tracker with an email:token credential as ACTIVE", async () => {
    const admin = await api.token("connect-jira", "admin");
    const jira = await tracker("JIRA");
    const { connectProviderTarget } = await api.ok(admin, CONNECT, { input: { ...jira.connection, name: "Acme Jira" } });
    expect(connectProviderTarget).toMatchObject({ provider: "JIRA", projectKey: "SEC", state: "ACTIVE", lastError: null });
    expect(jira.requests.map((request) => `${request.method} ${request.url}`)).toEqual(["GET /rest/api/3/project/SEC"]);
    expect(jira.whereSeen(jira.credential)).toEqual(["header:authorization"]);
  });

  it("lets only an admin connect, change or disconnect a target, and a viewer list them", async () => {
    const admin = await api.token("roles-co", "admin");
    const operator = await api.token("roles-co", "operator");
    const viewer = await api.token("roles-co", "viewer");
    const github = await tracker("GITHUB");

    for (const token of [operator, viewer]) {
      const refused = await api.graphql(token, CONNECT, { input: { ...github.connection, name: "Not mine to add" } });
      expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect(refused.data).toBeNull();
    }
    expect(github.requests).toHaveLength(0);

    const { connectProviderTarget: target } = await api.ok(admin, CONNECT, { input: { ...github.connection, name: "Repo" } });
    for (const token of [operator, viewer]) {
      const update = await api.graphql(token, UPDATE, { id: target.id, input: { name: "Renamed" } });
      expect(update.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      const disconnect = await api.graphql(token, DISCONNECT, { id: target.id });
      expect(disconnect.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
    const { providerTargets } = await api.ok(viewer, TARGETS);
    expect(providerTargets.map((row: any) => [row.name, row.state])).toEqual([["Repo", "ACTIVE"]]);
  });

  it("marks a target whose credential the tracker refuses as REVOKED", async () => {
    const admin = await api.token("connect-revoked", "admin");
    const github = await tracker("GITHUB");
    const wrong = "ghp_wrongCredential000000000000000000000";
    const result = await api.ok(admin, CONNECT, { input: { ...github.connection, credential: wrong, name: "Repo" } });
    expect(result.connectProviderTarget).toMatchObject({ state: "REVOKED", consecutiveFailures: 0, retryAfter: null });
    expect(result.connectProviderTarget.lastError).toBe("GitHub refused the credential (HTTP 401): Bad credentials.");
    expect(JSON.stringify(result)).not.toContain(wrong);
    expect(github.requests).toHaveLength(1);
  });

  it("marks a target whose project the tracker does not have (404) as UNSUPPORTED", async () => {
    const admin = await api.token("connect-missing", "admin");
    const github = await tracker("GITHUB");
    const { connectProviderTarget } = await api.ok(admin, CONNECT, {
      input: { ...github.connection, projectKey: "acme/missing", name: "Gone repo" },
    });
    expect(connectProviderTarget).toMatchObject({ state: "UNSUPPORTED", projectKey: "acme/missing", retryAfter: null });
    expect(connectProviderTarget.lastError).toBe(
      "GitHub has no such project or path, or the credential cannot see it (HTTP 404): Not Found.",
    );
    expect(github.requests.map((request) => request.url)).toEqual(["/repos/acme/missing"]);
  });

  it("marks a rate-limited tracker (429) as RATE_LIMITED until the time it named", async () => {
    const admin = await api.token("connect-limited", "admin");
    const github = await tracker("GITHUB");
    github.failNext({ status: 429, headers: { "retry-after": "Fri, 01 Jan 2100 12:30:00 GMT" } });
    const { connectProviderTarget } = await api.ok(admin, CONNECT, { input: { ...github.connection, name: "Busy repo" } });
    expect(connectProviderTarget).toMatchObject({
      state: "RATE_LIMITED",
      retryAfter: "2100-01-01T12:30:00.000Z",
      consecutiveFailures: 0,
      lastError: "GitHub is rate limiting requests (HTTP 429): API rate limit exceeded; retry after 2100-01-01T12:30:00.000Z.",
    });
    // A rate limit is not retried: the service waits for the time the tracker named.
    expect(github.requests).toHaveLength(1);
  });

  it("stores a provider without a native adapter as UNSUPPORTED and never contacts it", async () => {
    const admin = await api.token("connect-other", "admin");
    const endpoint = await tracker("GITHUB");
    const { connectProviderTarget } = await api.ok(admin, CONNECT, {
      input: { provider: "OTHER", name: "In-house tracker", baseUrl: endpoint.baseUrl, projectKey: "board-1", credential: "other-secret-123" },
    });
    expect(connectProviderTarget).toMatchObject({ provider: "OTHER", state: "UNSUPPORTED", retryAfter: null });
    expect(connectProviderTarget.lastError).toBe("No native OTHER export yet: its sources go out as portable files.");
    expect(endpoint.requests).toHaveLength(0);
  });

  it("refuses a base URL with a query string or fragment, where a key would be stored and shown in the open", async () => {
    const admin = await api.token("connect-query", "admin");
    const github = await tracker("GITHUB");
    for (const baseUrl of [`${github.baseUrl}/?key=abc123&token=ATTAsecretvalue`, `${github.baseUrl}/#token=ATTAsecretvalue`]) {
      const result = await api.graphql(admin, CONNECT, { input: { ...github.connection, name: "Repo", baseUrl } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.baseUrl" });
      expect(result.errors?.[0].message).toMatch(/^input\.baseUrl: must not carry a query string or fragment/);
    }
    expect(github.requests).toEqual([]);
    expect((await api.ok(admin, TARGETS)).providerTargets).toEqual([]);
  });

  it.each([
    ["a line break", "ghp_first\nX-Injected: yes"],
    ["a non-ASCII character", "ghp_tok€n0000000000000000000000000000000"],
  ])("refuses a credential with %s, which no HTTP header can carry, as BAD_USER_INPUT", async (_what, credential) => {
    const admin = await api.token("connect-credential-text", "admin");
    const github = await tracker("GITHUB");
    const result = await api.graphql(admin, CONNECT, { input: { ...github.connection, name: "Repo", credential } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.credential" });
    expect(JSON.stringify(result)).not.toContain(credential);
    expect(github.requests).toEqual([]);
  });

  it("refuses a malformed base URL with BAD_USER_INPUT naming input.baseUrl, storing nothing", async () => {
    const admin = await api.token("connect-malformed", "admin");
    const credential = "ghp_malformedCaseCredential0000000000000";
    for (const baseUrl of ["not a url", "api.github.com", "ftp://files.example.com", "  "]) {
      const result = await api.graphql(admin, CONNECT, {
        input: { provider: "GITHUB", name: "Bad", baseUrl, projectKey: "acme/web", credential },
      });
      expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.baseUrl" });
      expect(result.errors?.[0].message).toMatch(/^input\.baseUrl: /);
      expect(JSON.stringify(result)).not.toContain(credential);
    }
    const { providerTargets } = await api.ok(admin, TARGETS);
    expect(providerTargets).toEqual([]);
  });

  it("refuses an empty name, project key or credential with BAD_USER_INPUT naming the field", async () => {
    const admin = await api.token("connect-empty", "admin");
    const github = await tracker("GITHUB");
    const cases: [Record<string, string>, string][] = [
      [{ name: " " }, "input.name"],
      [{ projectKey: "" }, "input.projectKey"],
      [{ credential: "   " }, "input.credential"],
    ];
    for (const [change, field] of cases) {
      const result = await api.graphql(admin, CONNECT, { input: { ...github.connection, name: "Repo", ...change } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(JSON.stringify(result)).not.toContain(github.credential);
    }
    expect(github.requests).toHaveLength(0);
    expect((await api.ok(admin, TARGETS)).providerTargets).toEqual([]);
  });

  it("stores a URL carrying a user name and password as UNSAFE_ENDPOINT, without them, and never contacts it", async () => {
    const admin = await api.token("connect-userinfo", "admin");
    const github = await tracker("GITHUB");
    const withUserInfo = github.baseUrl.replace("http://", "http://alice:Passw0rdInUrl@");
    const result = await api.ok(admin, CONNECT, { input: { ...github.connection, baseUrl: withUserInfo, name: "Repo" } });
    expect(result.connectProviderTarget).toMatchObject({
      state: "UNSAFE_ENDPOINT",
      baseUrl: github.baseUrl,
      lastError: "The endpoint URL contains a user name or password; put the credential in its own field.",
    });
    expect(github.requests).toHaveLength(0);
    const everything = JSON.stringify([result, await api.ok(admin, TARGETS), await storedTargets(api)]);
    expect(everything).not.toContain("Passw0rdInUrl");
    expect(everything).not.toContain("alice");
  });

  it("never returns, stores in clear or echoes the credential, whatever happens to the target", async () => {
    const admin = await api.token("credential-co", "admin");
    const credential = "ghp_neverShownAnywhere0123456789abcdefgh";
    const github = await tracker("GITHUB", { credential });
    const seen: unknown[] = [];
    const call = async (query: string, variables: Record<string, unknown>) => {
      const result = await api.graphql(admin, query, variables);
      seen.push(result);
      return result;
    };

    const connected = await call(CONNECT, { input: { ...github.connection, name: "Repo" } });
    const id = connected.data.connectProviderTarget.id;
    expect(connected.data.connectProviderTarget.state).toBe("ACTIVE");
    // Errors on the way: a malformed URL and an unknown id, both sent along with the credential.
    await call(CONNECT, { input: { ...github.connection, baseUrl: "::nope::", name: "Repo" } });
    await call(UPDATE, { id: "00000000-0000-4000-8000-000000000000", input: { credential } });
    // The tracker refusing it (and quoting it back, as some do), then rate limiting, then accepting it again.
    github.failNext({ status: 401, body: { message: `Bad credentials: token ${credential} is not valid` } });
    const revoked = await call(UPDATE, { id, input: { credential } });
    expect(revoked.data.updateProviderTarget.state).toBe("REVOKED");
    expect(revoked.data.updateProviderTarget.lastError).toMatch(/^GitHub refused the credential \(HTTP 401\): Bad credentials: token /);
    github.failNext({ status: 429 });
    await call(UPDATE, { id, input: { credential } });
    await call(UPDATE, { id, input: { credential } });
    await call(TARGETS, {});
    await call(`query($id: ID!) { exportSource(id: $id) { id } }`, { id });

    const errors = seen.flatMap((result: any) => result.errors ?? []);
    expect(errors.map((error: any) => error.extensions.code)).toEqual(["BAD_USER_INPUT", "NOT_FOUND"]);
    expect(JSON.stringify(seen)).not.toContain(credential);
    expect(JSON.stringify(seen)).not.toContain(credential.slice(4));
    const stored = await storedTargets(api);
    expect(stored).toContain(id);
    expect(stored).not.toContain(credential);
    expect(stored).not.toContain(Buffer.from(credential).toString("base64"));
    // Only the tracker ever saw it, and only in the Authorization header.
    expect(github.whereSeen(credential)).toEqual(["header:authorization"]);
  });

  it("does not echo the credential when the connect input has a missing or unknown field", async () => {
    const admin = await api.token("credential-echo", "admin");
    const credential = "ghp_echoedBackByValidation0123456789abcd";
    const missingProject = { provider: "GITHUB", name: "Repo", baseUrl: "https://api.github.com", credential };
    for (const input of [missingProject, { ...missingProject, projectKey: "acme/web", colour: "blue" }]) {
      const result = await api.graphql(admin, CONNECT, { input });
      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0].message).not.toContain(credential);
    }
  });

  it("brings a REVOKED target back to ACTIVE when an admin gives it a new, working credential", async () => {
    const admin = await api.token("update-credential", "admin");
    const github = await tracker("GITHUB");
    const { connectProviderTarget: target } = await api.ok(admin, CONNECT, {
      input: { ...github.connection, credential: "ghp_oldRevokedCredential00000000000000000", name: "Repo" },
    });
    expect(target.state).toBe("REVOKED");

    const { updateProviderTarget } = await api.ok(admin, UPDATE, { id: target.id, input: { credential: github.credential } });
    expect(updateProviderTarget).toMatchObject({ id: target.id, state: "ACTIVE", lastError: null, consecutiveFailures: 0, name: "Repo" });
    expect(github.requests).toHaveLength(2);
    const { providerTargets } = await api.ok(admin, TARGETS);
    expect(providerTargets).toEqual([updateProviderTarget]);
  });

  it("renames a target without contacting the tracker, and re-checks it when its project changes", async () => {
    const admin = await api.token("update-fields", "admin");
    const github = await tracker("GITHUB");
    const { connectProviderTarget: target } = await api.ok(admin, CONNECT, { input: { ...github.connection, name: "Repo" } });
    const renamed = await api.ok(admin, UPDATE, { id: target.id, input: { name: "Web repo" } });
    expect(renamed.updateProviderTarget).toMatchObject({ name: "Web repo", state: "ACTIVE" });
    expect(github.requests).toHaveLength(1);

    const moved = await api.ok(admin, UPDATE, { id: target.id, input: { projectKey: "acme/elsewhere" } });
    expect(moved.updateProviderTarget).toMatchObject({ name: "Web repo", projectKey: "acme/elsewhere", state: "UNSUPPORTED" });
    expect(github.requests.map((request) => request.url)).toEqual(["/repos/acme/web", "/repos/acme/elsewhere"]);
  });

  it("refuses an update to a malformed base URL and keeps the target as it was", async () => {
    const admin = await api.token("update-malformed", "admin");
    const github = await tracker("GITHUB");
    const { connectProviderTarget: target } = await api.ok(admin, CONNECT, { input: { ...github.connection, name: "Repo" } });
    const result = await api.graphql(admin, UPDATE, { id: target.id, input: { baseUrl: "http//broken", name: "Changed" } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.baseUrl" });
    const { providerTargets } = await api.ok(admin, TARGETS);
    expect(providerTargets).toEqual([target]);
  });

  it("never sends the stored credential to another host: a base URL elsewhere needs the credential again", async () => {
    const admin = await api.token("update-host", "admin");
    const github = await tracker("GITHUB");
    const elsewhere = await tracker("GITHUB", { credential: "ghp_theOtherHostsOwnToken0000000000000000" });
    const { connectProviderTarget: target } = await api.ok(admin, CONNECT, { input: { ...github.connection, name: "Repo" } });

    const refused = await api.graphql(admin, UPDATE, { id: target.id, input: { baseUrl: elsewhere.baseUrl } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.credential" });
    expect(refused.errors?.[0].message).toMatch(/^input\.credential: .*another host/);
    expect(elsewhere.requests).toEqual([]);
    expect((await api.ok(admin, TARGETS)).providerTargets).toEqual([target]);

    const moved = await api.ok(admin, UPDATE, { id: target.id, input: { baseUrl: elsewhere.baseUrl, credential: elsewhere.credential } });
    expect(moved.updateProviderTarget).toMatchObject({ baseUrl: elsewhere.baseUrl, state: "ACTIVE" });
    expect(elsewhere.whereSeen(elsewhere.credential)).toEqual(["header:authorization"]);
    expect(elsewhere.whereSeen(github.credential)).toEqual([]);
  });

  it("disconnects a target, forgetting its credential, and needs a new credential to bring it back", async () => {
    const admin = await api.token("disconnect-co", "admin");
    const github = await tracker("GITHUB");
    const { connectProviderTarget: target } = await api.ok(admin, CONNECT, { input: { ...github.connection, name: "Repo" } });

    const { disconnectProviderTarget } = await api.ok(admin, DISCONNECT, { id: target.id });
    expect(disconnectProviderTarget).toMatchObject({ id: target.id, state: "DISCONNECTED", retryAfter: null, lastError: null });
    const { providerTargets } = await api.ok(admin, TARGETS);
    expect(providerTargets.map((row: any) => [row.id, row.state])).toEqual([[target.id, "DISCONNECTED"]]);
    const [row] = await api.server.services.database.rows<{ credential_ciphertext: string }>(
      sql`select credential_ciphertext from provider_targets where id = ${target.id}`,
    );
    expect(api.server.services.gateway.box.open(row.credential_ciphertext)).toBe("");

    const renamed = await api.graphql(admin, UPDATE, { id: target.id, input: { name: "Back?" } });
    expect(renamed.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.credential" });
    const back = await api.ok(admin, UPDATE, { id: target.id, input: { credential: github.credential } });
    expect(back.updateProviderTarget).toMatchObject({ id: target.id, state: "ACTIVE" });
  });

  it("treats another organization's target id as absent: NOT_FOUND on update and disconnect, missing from the list", async () => {
    const owner = await api.token("target-owner", "admin");
    const stranger = await api.token("target-stranger", "admin");
    const github = await tracker("GITHUB");
    const { connectProviderTarget: target } = await api.ok(owner, CONNECT, { input: { ...github.connection, name: "Owner repo" } });

    const update = await api.graphql(stranger, UPDATE, { id: target.id, input: { name: "Mine now", credential: "ghp_x" } });
    expect(update.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", id: target.id });
    expect(update.data).toBeNull();
    const disconnect = await api.graphql(stranger, DISCONNECT, { id: target.id });
    expect(disconnect.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", id: target.id });
    expect((await api.ok(stranger, TARGETS)).providerTargets).toEqual([]);

    // The owner's target is untouched and the tracker was not contacted again.
    expect((await api.ok(owner, TARGETS)).providerTargets).toEqual([target]);
    expect(github.requests).toHaveLength(1);
    for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const missing = await api.graphql(owner, DISCONNECT, { id });
      expect(missing.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", id });
    }
  });

  it("in self-hosted mode refuses private hosts that are not on the allowlist", async () => {
    const admin = await api.token("self-hosted-unsafe", "admin");
    const github = await tracker("GITHUB");
    const port = new URL(github.baseUrl).port;
    // localhost resolves to 127.0.0.1, but the allowlist names hosts as written.
    for (const baseUrl of [`http://localhost:${port}`, "https://10.20.30.40", "https://169.254.169.254"]) {
      const { connectProviderTarget } = await api.ok(admin, CONNECT, { input: { ...github.connection, baseUrl, name: baseUrl } });
      expect(connectProviderTarget.state).toBe("UNSAFE_ENDPOINT");
    }
    expect(github.requests).toHaveLength(0);
  });
});

describe.each(backends)("provider endpoint safety in cloud mode on $name", (backend) => {
  let api: TestServer;
  let github: FakeTracker;

  beforeAll(async () => {
    // The default deployment: cloud, no allowlist.
    api = await startTestServer(backend, { PROVIDER_RETRY_BASE_MS: "1" });
    github = await startFakeTracker("GITHUB");
  });
  afterAll(async () => {
    await github?.close();
    await api?.close();
  });

  const unsafe = (port: () => string): [string, () => string, RegExp][] => [
    ["the loopback fake tracker over http", () => `http://127.0.0.1:${port()}`, /must use https/],
    ["a loopback address over https", () => `https://127.0.0.1:${port()}`, /127\.0\.0\.1 is not a public internet address/],
    ["a name that resolves to loopback", () => `https://localhost:${port()}`, /localhost resolves to .* which is not a public/],
    ["the cloud metadata address", () => "https://169.254.169.254/latest/meta-data", /169\.254\.169\.254 is not a public/],
    ["a private range (10/8)", () => "https://10.0.0.8", /10\.0\.0\.8 is not a public/],
    ["a private range (192.168/16)", () => "https://192.168.1.10:8443", /192\.168\.1\.10 is not a public/],
    ["IPv6 loopback", () => `https://[::1]:${port()}`, /::1 is not a public/],
    ["a unique-local IPv6 address", () => "https://[fd12:3456::1]", /fd12:3456::1 is not a public/],
    ["a public host over plain http", () => "http://api.github.com", /api\.github\.com must use https/],
  ];

  it.each(unsafe(() => new URL(github.baseUrl).port))(
    "stores %s as UNSAFE_ENDPOINT and sends it nothing",
    async (_name, baseUrl, why) => {
      const admin = await api.token("cloud-co", "admin");
      const { connectProviderTarget } = await api.ok(admin, CONNECT, {
        input: { ...github.connection, baseUrl: baseUrl(), name: "Unsafe" },
      });
      expect(connectProviderTarget).toMatchObject({ state: "UNSAFE_ENDPOINT", retryAfter: null, consecutiveFailures: 0 });
      expect(connectProviderTarget.lastError).toMatch(why);
      // Nothing in this suite may ever reach the loopback tracker.
      expect(github.requests).toEqual([]);
    },
  );

  it("keeps a target UNSAFE_ENDPOINT when an admin updates its credential, still without contacting it", async () => {
    const admin = await api.token("cloud-update", "admin");
    const { connectProviderTarget: target } = await api.ok(admin, CONNECT, { input: { ...github.connection, name: "Local" } });
    expect(target.state).toBe("UNSAFE_ENDPOINT");
    const { updateProviderTarget } = await api.ok(admin, UPDATE, { id: target.id, input: { credential: github.credential } });
    expect(updateProviderTarget.state).toBe("UNSAFE_ENDPOINT");
    expect(github.requests).toEqual([]);
  });
});
