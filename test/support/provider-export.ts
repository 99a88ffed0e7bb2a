import { Parser } from "commonmark";
import { afterAll, beforeAll, expect } from "vitest";
import type { Backend } from "./backends.js";
import { statusLog, moves } from "./export-status.js";
import { startFakeTracker, type FakeIssue, type FakeProvider, type FakeTracker, type RecordedRequest } from "./fake-trackers/index.js";
import { INGEST, reportInput } from "./fixtures.js";
import { startTestServer, type GraphQLResponse, type TestServer } from "./server.js";

/** Lets the service reach fake trackers on 127.0.0.1 (plain http on loopback) and keeps retries fast. */
export const SELF_HOSTED = { DEPLOYMENT_MODE: "self-hosted", PROVIDER_ENDPOINT_ALLOWLIST: "127.0.0.1", PROVIDER_RETRY_BASE_MS: "1" };

const TARGET_FIELDS = "id provider name state retryAfter consecutiveFailures lastError";

export const CONNECT = /* GraphQL */ `
  mutation Connect($input: ConnectProviderTargetInput!) { connectProviderTarget(input: $input) { ${TARGET_FIELDS} } }
`;

export const UPDATE_TARGET = /* GraphQL */ `
  mutation UpdateTarget($id: ID!, $input: UpdateProviderTargetInput!) {
    updateProviderTarget(id: $id, input: $input) { ${TARGET_FIELDS} }
  }
`;

export const TARGETS = /* GraphQL */ `{ providerTargets { ${TARGET_FIELDS} } }`;

export const EXPORT_TO_PROVIDER = /* GraphQL */ `
  mutation ExportToProvider($input: ExportToProviderInput!) {
    exportToProvider(input: $input) {
      id action externalKey externalUrl error createdAt
      source { id exportStatus remediationStatus }
      target { id state }
    }
  }
`;

export const SOURCE_DETAIL = /* GraphQL */ `
  query Source($id: ID!) {
    exportSource(id: $id) {
      id sourceId title exportStatus remediationStatus
      fallbackDecision { outcome reason detail target { id } }
      duplicateKey { id fingerprint label providerTicket { provider key url target { id } } }
      ticketExports { id action externalKey externalUrl error target { id } }
    }
  }
`;

export const EVALUATE = /* GraphQL */ `
  mutation Evaluate($sourceIds: [ID!]!, $requirePortable: Boolean, $reason: String) {
    evaluateFallback(sourceIds: $sourceIds, requirePortable: $requirePortable, reason: $reason) {
      outcome reason target { id }
    }
  }
`;

export const CREATE_PORTABLE = /* GraphQL */ `
  mutation CreatePortable($input: PortableExportInput!) { createPortableExport(input: $input) { id } }
`;

export interface Source {
  id: string;
  sourceId: string;
  title: string;
  exportStatus: string;
  remediationStatus: string;
  fallbackDecision: { outcome: string; reason: string | null; detail: string; target: { id: string } | null } | null;
  duplicateKey: {
    id: string;
    fingerprint: string;
    label: string;
    providerTicket: { provider: string; key: string; url: string; target: { id: string } | null } | null;
  };
  ticketExports: { id: string; action: string; externalKey: string | null; externalUrl: string | null; error: string | null; target: { id: string } }[];
}

export interface TicketExport {
  id: string;
  action: string;
  externalKey: string | null;
  externalUrl: string | null;
  error: string | null;
  createdAt: string;
  source: { id: string; exportStatus: string; remediationStatus: string };
  target: { id: string; state: string };
}

export interface Target {
  id: string;
  provider: string;
  name: string;
  state: string;
  retryAfter: string | null;
  consecutiveFailures: number;
  lastError: string | null;
}

let organizations = 0;

/**
 * One organization (admin, operator and viewer tokens) with a report of `count` sources, and a fake tracker of
 * `provider`. The target is connected unless `connect` is false. Every GraphQL answer the helpers get is kept in
 * `responses`, so a test can check that the credential never came back.
 */
export async function providerScenario(
  api: TestServer,
  provider: FakeProvider,
  { count = 1, connect = true }: { count?: number; connect?: boolean } = {},
) {
  const org = `pe-${provider.toLowerCase().replace(/_/g, "-")}-${++organizations}-${process.pid}`;
  const [admin, operator, viewer] = await Promise.all([api.token(org, "admin"), api.token(org, "operator"), api.token(org, "viewer")]);
  const fake = await startFakeTracker(provider);
  const responses: unknown[] = [];
  const ok = async <T = any>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> => {
    const data = await api.ok<T>(token, query, variables);
    responses.push(data);
    return data;
  };
  const graphql = async (token: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> => {
    const result = await api.graphql(token, query, variables);
    responses.push(result);
    return result;
  };

  const externalId = `${org}-report`;
  const { ingestReport } = await ok(operator, INGEST, { input: reportInput(externalId, count) });
  const reportId: string = ingestReport.id;
  const sourceIdsOf = async () => {
    const { exportSources } = await ok(operator, `query($r: ID!) { exportSources(reportId: $r, first: 100) { edges { node { id } } } }`, { r: reportId });
    return exportSources.edges.map((edge: { node: { id: string } }) => edge.node.id) as string[];
  };
  const sourceIds = await sourceIdsOf();

  let targetId = "";
  const scenario = {
    org,
    admin,
    operator,
    viewer,
    fake,
    responses,
    ok,
    graphql,
    externalId,
    reportId,
    sourceIds,
    /** The connected target's id ("" until connected). */
    get targetId() {
      return targetId;
    },
    /** Connects the fake as a target (the admin does); its id becomes `targetId`. */
    async connect(name = `${provider} tracker`): Promise<Target> {
      const { connectProviderTarget } = await ok(admin, CONNECT, { input: { ...fake.connection, name } });
      targetId = connectProviderTarget.id;
      return connectProviderTarget;
    },
    /** exportToProvider as the operator, failing the test on any GraphQL error. */
    async exportTo(sourceIds: string[], onDuplicate: "UPDATE" | "BLOCK" = "UPDATE", target = targetId): Promise<TicketExport[]> {
      const { exportToProvider } = await ok(operator, EXPORT_TO_PROVIDER, { input: { sourceIds, targetId: target, onDuplicate } });
      return exportToProvider;
    },
    async source(id = sourceIds[0]): Promise<Source> {
      return (await ok(viewer, SOURCE_DETAIL, { id })).exportSource;
    },
    async target(): Promise<Target> {
      const { providerTargets } = await ok(viewer, TARGETS);
      const found = providerTargets.find((target: Target) => target.id === targetId);
      expect(found, "the connected target is listed").toBeDefined();
      return found;
    },
    /** The report's status events as `from->to cause` strings. */
    async events(): Promise<string[]> {
      const log = await statusLog(api, viewer, reportId);
      responses.push(log);
      return moves(log);
    },
    /** Re-ingests the report with the first source's title and description changed. */
    async revise(title: string, description: string) {
      const input = reportInput(externalId, count);
      input.sources[0].title = title;
      input.sources[0].description = description;
      await ok(operator, INGEST, { input });
    },
    /** Asserts that the fake's credential came back in no GraphQL answer, and reached the fake only in its auth header. */
    expectCredentialKept() {
      const everything = JSON.stringify(responses);
      for (const secret of secretsOf(fake)) expect(everything).not.toContain(secret);
      if (fake.requests.length > 0) expect(fake.whereSeen(fake.credential)).toEqual([fake.credentialHeader]);
    },
  };
  if (connect) await scenario.connect();
  return scenario;
}

export type Scenario = Awaited<ReturnType<typeof providerScenario>>;

/**
 * For a describe block: starts the service on `backend` in self-hosted mode before its tests, and closes it and every
 * fake tracker its scenarios started after them.
 */
export function providerSuite(backend: Backend) {
  let api: TestServer | undefined;
  const fakes: FakeTracker[] = [];
  beforeAll(async () => {
    api = await startTestServer(backend, SELF_HOSTED);
  });
  afterAll(async () => {
    await Promise.all(fakes.map((fake) => fake.close()));
    await api?.close();
  });
  return {
    get api(): TestServer {
      if (!api) throw new Error("The service starts before the suite's tests.");
      return api;
    },
    async scenario(provider: FakeProvider, options?: Parameters<typeof providerScenario>[2]): Promise<Scenario> {
      const started = await providerScenario(this.api, provider, options);
      fakes.push(started.fake);
      return started;
    },
  };
}

/** The credential and the forms it travels in (Jira: its token part and the Basic encoding). */
export function secretsOf(fake: FakeTracker): string[] {
  const credential = fake.credential;
  const parts = credential.includes(":") ? [credential.split(":").slice(1).join(":"), Buffer.from(credential).toString("base64")] : [];
  return [credential, ...parts];
}

/** What a recorded request does in the tracker's API: create or update an issue, search by label, or anything else. */
export function operationOf(provider: FakeProvider, request: RecordedRequest): "create" | "update" | "search" | "other" {
  const path = request.url.split("?")[0];
  if (provider === "LINEAR") {
    const query = String((JSON.parse(request.body || "{}") as { query?: unknown }).query ?? "");
    if (/\bissueCreate\(/.test(query)) return "create";
    if (/\bissueUpdate\(/.test(query)) return "update";
    return /\bissues\(/.test(query) ? "search" : "other";
  }
  const made = (calls: Calls) => calls.some(([method, pattern]) => request.method === method && pattern.test(path));
  const [create, update, search] = OPERATIONS[provider];
  if (made(create)) return "create";
  if (made(update)) return "update";
  return made(search) ? "search" : "other";
}

type Calls = [method: string, path: RegExp][];

/** Per REST tracker, the calls that create a ticket, update one, and look tickets up. */
const OPERATIONS: Record<Exclude<FakeProvider, "LINEAR">, [Calls, Calls, Calls]> = {
  JIRA: [[["POST", /^\/rest\/api\/3\/issue$/]], [["PUT", /^\/rest\/api\/3\/issue\/[^/]+$/]], [["POST", /^\/rest\/api\/3\/search\/jql$/]]],
  GITHUB: [[["POST", /\/issues$/]], [["PATCH", /\/issues\/\d+$/]], [["GET", /\/issues$/]]],
  GITLAB: [[["POST", /\/issues$/]], [["PUT", /\/issues\/\d+$/]], [["GET", /\/issues$/]]],
  BITBUCKET: [[["POST", /\/issues$/]], [["PUT", /\/issues\/\d+$/]], [["GET", /\/issues$/]]],
  TRELLO: [[["POST", /^\/1\/cards$/]], [["PUT", /^\/1\/cards\/[^/]+$/]], [["GET", /^\/1\/search$/], ["GET", /\/cards\/all$/]]],
  AZURE_DEVOPS: [[["POST", /\/_apis\/wit\/workitems\/\$[^/]+$/]], [["PATCH", /\/_apis\/wit\/workitems\/\d+$/]], [["POST", /\/_apis\/wit\/wiql$/]]],
  YOUTRACK: [[["POST", /^\/api\/issues$/]], [["POST", /^\/api\/issues\/[^/]+$/]], [["GET", /^\/api\/issues$/], ["GET", /^\/api\/tags\/[^/]+\/issues$/]]],
  ASANA: [[["POST", /^\/api\/1\.0\/tasks$/]], [["PUT", /^\/api\/1\.0\/tasks\/\d+$/]], [["GET", /^\/api\/1\.0\/projects\/\d+\/tasks$/]]],
  CLICKUP: [[["POST", /^\/api\/v2\/list\/[^/]+\/task$/]], [["PUT", /^\/api\/v2\/task\/[^/]+$/]], [["GET", /^\/api\/v2\/list\/[^/]+\/task$/]]],
};

/**
 * Asserts that `issue` carries each of `labels`: as labels where the tracker has them, else (Bitbucket) in the details
 * of its description.
 */
export function expectLabelsOn(fake: FakeTracker, issue: FakeIssue, labels: string[]) {
  if (fake.keepsLabels) expect(issue.labels).toEqual(expect.arrayContaining(labels));
  else expect(labels.filter((label) => !issue.body.includes(label))).toEqual([]);
}

/** The operations of the fake's requests from `from` on, in order. */
export function operations(provider: FakeProvider, fake: FakeTracker, from = 0): string[] {
  return fake.requests.slice(from).map((request) => operationOf(provider, request));
}

/** Trackers whose fake keeps the description as the text a person reads: Jira's ADF, Azure DevOps' HTML, Asana's notes. */
const SHOWN_AS_KEPT: readonly FakeProvider[] = ["JIRA", "AZURE_DEVOPS", "ASANA"];

/**
 * A ticket's description as the tracker shows it to a person: Markdown rendered to its text (GitHub, GitLab, Linear,
 * Bitbucket, Trello, YouTrack, ClickUp), or the text the fake kept of Jira's Atlassian document, Azure DevOps' HTML
 * or Asana's plain notes. Blocks end with a line break.
 */
export function shownText(provider: FakeProvider, issue: FakeIssue): string {
  if (SHOWN_AS_KEPT.includes(provider)) return issue.body;
  const walker = new Parser().parse(issue.body).walker();
  let shown = "";
  for (let step = walker.next(); step; step = walker.next()) {
    const { node, entering } = step;
    if (entering && (node.type === "text" || node.type === "code" || node.type === "html_inline")) shown += node.literal ?? "";
    if (entering && (node.type === "softbreak" || node.type === "linebreak")) shown += "\n";
    if (!entering && (node.type === "paragraph" || node.type === "heading")) shown += "\n";
  }
  return shown;
}
