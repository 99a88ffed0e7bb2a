import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Provider } from "../../../src/domain/vocabulary.js";

/** One request as the fake tracker received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A forced answer for the next request(s): a status (with the provider's error body unless `body` is given), a delay, or both. */
export interface Failure {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (normally, when no `status` is given). */
  delayMs?: number;
  /** How many requests in a row get this; default 1, Infinity for "from now on". */
  times?: number;
}

export interface FakeIssue {
  /** What the adapter's `update` takes: number, iid, Jira key or Linear identifier. */
  key: string;
  title: string;
  /** Markdown as received (for Jira: the text of the ADF document). */
  body: string;
  labels: string[];
  url: string;
  /** Jira only: the ADF description as received. */
  document?: unknown;
  /** GitHub only: listed by the issues endpoint but a pull request. */
  pullRequest?: boolean;
  /** Bitbucket only: the issue kind it was created with. */
  kind?: string;
  /** Done, resolved or closed: some trackers leave such tickets out of listings unless asked. */
  closed?: boolean;
}

export interface HandMadeIssue {
  title: string;
  labels: string[];
  body?: string;
  pullRequest?: boolean;
  closed?: boolean;
}

export interface FakeTracker {
  readonly provider: Provider;
  /** Whether the tracker has labels or tags at all (Bitbucket issues have none). */
  readonly keepsLabels: boolean;
  /** Where the credential must travel, as whereSeen names it ("header:authorization"). */
  readonly credentialHeader: string;
  /** What a TargetConnection's baseUrl should be. */
  readonly baseUrl: string;
  /** The one credential the fake accepts. */
  readonly credential: string;
  readonly projectKey: string;
  /** Provider, baseUrl, projectKey and credential together: a TargetConnection (or connect input) that works. */
  readonly connection: { provider: Provider; baseUrl: string; projectKey: string; credential: string };
  /** Issues in creation order, hand-made ones included. */
  readonly issues: FakeIssue[];
  readonly requests: RecordedRequest[];
  /** An issue made "by hand" in the tracker, e.g. imported by the customer from a portable file. */
  addIssue(issue: HandMadeIssue): FakeIssue;
  /**
   * The ticket this tracker's importer makes from a row of a portable file carrying `label`: the label as a label or
   * tag where that importer keeps one, and the label text in the description (the file's details) always.
   */
  addImported(label: string, title?: string): FakeIssue;
  /** Queues a forced answer; queued failures apply in order. */
  failNext(failure: Failure): void;
  /** Where in the received requests `secret` appeared: "url", "body" or "header:<name>" (Authorization decoded). */
  whereSeen(secret: string): string[];
  close(): Promise<void>;
}

export interface FakeTrackerOptions {
  /** Default: a fixed fake token per provider. */
  credential?: string;
  /** Default: a typical key per provider ("acme/web", "acme/web", "SEC", "ENG"). */
  projectKey?: string;
}

export interface Reply {
  status: number;
  /** Sent as JSON, or as text/plain when it is PlainText. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A body some trackers answer in plain text rather than JSON (Trello's "invalid token"). */
export class PlainText {
  constructor(readonly text: string) {}
}

export interface FakeRequest extends RecordedRequest {
  path: string;
  query: URLSearchParams;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
}

/** What one provider's fake defines on top of the shared server. */
export interface TrackerSpec {
  provider: Provider;
  /** Used where FakeTrackerOptions leave them out. */
  defaults: Required<FakeTrackerOptions>;
  authorized(request: FakeRequest, context: TrackerContext): boolean;
  /** The provider's answer to a missing or wrong credential (it may depend on the request). */
  unauthorized: Reply | ((request: FakeRequest) => Reply);
  /** The provider's body for a forced failure status. */
  errorBody(status: number): unknown;
  handle(request: FakeRequest, context: TrackerContext): Reply | Promise<Reply>;
  /** The key and web address of the n-th issue (from 1). */
  naming(context: TrackerContext, sequence: number): { key: string; url: string };
  /**
   * Where this tracker's importer (or the person pasting a Markdown section, where there is no importer) keeps the
   * fingerprint label: as a label or tag too, or only as text in the description (see docs/providers.md).
   */
  importKeeps: "label" | "text";
  /** Default true; false for a tracker whose tickets have no labels. */
  keepsLabels?: boolean;
  /** The request header the credential travels in; default "authorization". */
  credentialHeader?: string;
}

export interface TrackerContext {
  baseUrl: string;
  credential: string;
  projectKey: string;
  issues: FakeIssue[];
}

export type IssueFields = Omit<FakeIssue, "key" | "url">;

/** Stores a new issue under the next key of `spec`. */
export function fileIssue(spec: TrackerSpec, context: TrackerContext, fields: IssueFields): FakeIssue {
  const issue: FakeIssue = { ...spec.naming(context, context.issues.length + 1), ...fields };
  context.issues.push(issue);
  return issue;
}

/** Applies the fields an edit carries; absent ones stay. */
export function editIssue(issue: FakeIssue, edit: Partial<IssueFields>): FakeIssue {
  for (const [field, value] of Object.entries(edit)) {
    if (value !== undefined) Object.assign(issue, { [field]: value });
  }
  return issue;
}

/** Issues that carry every one of `labels`. */
export const withLabels = (issues: readonly FakeIssue[], labels: readonly string[]) =>
  issues.filter((issue) => labels.every((label) => issue.labels.includes(label)));

/** A description as the portable file's row carries it into an import: some text, then the details with the label. */
export const importedBody = (label: string) =>
  `Imported from the portable file.\n\n- Source ID: hand-0\n- Fingerprint label: ${label}\n`;

/** A string field of a JSON payload, or undefined. */
export const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** An Authorization value's credential as one string: Basic decoded, Trello's OAuth-style "key:token" joined. */
function decodedAuthorization(value: string): string {
  const basic = /^Basic\s+(\S+)$/i.exec(value);
  if (basic) return Buffer.from(basic[1], "base64").toString("utf8");
  const key = /oauth_consumer_key="([^"]*)"/.exec(value);
  const token = /oauth_token="([^"]*)"/.exec(value);
  return key && token ? `${key[1]}:${token[1]}` : "";
}

function sightings(requests: readonly RecordedRequest[], secret: string): string[] {
  const places = new Set<string>();
  for (const request of requests) {
    if (request.url.includes(secret) || decodeURIComponent(request.url).includes(secret)) places.add("url");
    if (request.body.includes(secret)) places.add("body");
    for (const [name, raw] of Object.entries(request.headers)) {
      const value = String(raw);
      if (value.includes(secret) || decodedAuthorization(value).includes(secret)) places.add(`header:${name}`);
    }
  }
  return [...places].sort();
}

function parseJson(body: string): unknown {
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}

/** Serves `spec` on 127.0.0.1 at a random port, with request recording and failure knobs around it. */
export async function startTracker(spec: TrackerSpec, options: FakeTrackerOptions = {}): Promise<FakeTracker> {
  const requests: RecordedRequest[] = [];
  const failures: Failure[] = [];
  const closing = new AbortController();
  const context: TrackerContext = {
    baseUrl: "",
    credential: options.credential ?? spec.defaults.credential,
    projectKey: options.projectKey ?? spec.defaults.projectKey,
    issues: [],
  };

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      closing.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });

  const nextFailure = (): Failure | undefined => {
    const failure = failures[0];
    if (failure && (failure.times = (failure.times ?? 1) - 1) <= 0) failures.shift();
    return failure;
  };

  const answer = async (request: FakeRequest): Promise<Reply> => {
    const failure = nextFailure();
    if (failure?.delayMs) await wait(failure.delayMs);
    if (failure?.status) {
      return { status: failure.status, headers: failure.headers, body: failure.body ?? spec.errorBody(failure.status) };
    }
    if (!spec.authorized(request, context)) return typeof spec.unauthorized === "function" ? spec.unauthorized(request) : spec.unauthorized;
    return spec.handle(request, context);
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const recorded: RecordedRequest = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body };
    requests.push(recorded);
    const url = new URL(recorded.url, "http://fake");
    const reply = await answer({ ...recorded, path: url.pathname, query: url.searchParams, json: parseJson(body) });
    if (res.destroyed) return;
    const text = reply.body instanceof PlainText;
    const payload = reply.body instanceof PlainText ? reply.body.text : reply.body === undefined ? "" : JSON.stringify(reply.body);
    const type = text ? "text/plain; charset=utf-8" : "application/json";
    res.writeHead(reply.status, { ...(payload ? { "content-type": type } : {}), ...reply.headers });
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  context.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { baseUrl, projectKey, credential } = context;
  const connection = { provider: spec.provider, baseUrl, projectKey, credential };
  const keepsLabels = spec.keepsLabels ?? true;
  const addIssue = (issue: HandMadeIssue) => fileIssue(spec, context, { body: "", ...issue, labels: keepsLabels ? issue.labels : [] });
  return {
    ...connection,
    connection,
    keepsLabels,
    credentialHeader: `header:${spec.credentialHeader ?? "authorization"}`,
    issues: context.issues,
    requests,
    addIssue,
    addImported: (label, title = "Imported by hand") =>
      addIssue({ title, labels: spec.importKeeps === "label" ? [label] : [], body: importedBody(label) }),
    failNext: (failure) => void failures.push({ ...failure }),
    whereSeen: (secret) => sightings(requests, secret),
    close: () => {
      closing.abort();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Match `pattern` (anchored) against the request path; the captures decoded. */
export function route(request: FakeRequest, method: string, pattern: RegExp): string[] | null {
  if (request.method !== method) return null;
  const match = pattern.exec(request.path);
  return match ? match.slice(1).map((part) => decodeURIComponent(part)) : null;
}
