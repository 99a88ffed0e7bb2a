import { editIssue, fileIssue, route, startTracker, text } from "./server.js";
import type { FakeIssue, FakeRequest, FakeTracker, FakeTrackerOptions, Reply, TrackerContext, TrackerSpec } from "./server.js";

const KINDS = ["bug", "enhancement", "proposal", "task"];
const CONTAINS = /^content\.raw ~ "((?:[^"\\]|\\.)*)"$/;
const MAX_PAGE_LENGTH = 100;

/** Bitbucket's error shape. */
const failure = (status: number, message: string): Reply => ({ status, body: { type: "error", error: { message } } });

const asJson = (issue: FakeIssue) => ({
  type: "issue",
  id: Number(issue.key),
  title: issue.title,
  kind: issue.kind,
  content: { raw: issue.body, markup: "markdown" },
  links: { html: { href: issue.url } },
});

interface Payload {
  title?: unknown;
  content?: { raw?: unknown };
  kind?: unknown;
}

/** Issues whose description matches BBQL `content.raw ~ "text"` (case-insensitive), one page of them. */
function search(request: FakeRequest, context: TrackerContext, path: string): Reply {
  const match = CONTAINS.exec(request.query.get("q") ?? "");
  if (!match) return failure(400, "Invalid query: the fake understands content.raw ~ \"text\"");
  const wanted = match[1].replace(/\\(.)/g, "$1").toLowerCase();
  const pagelen = Math.min(Number(request.query.get("pagelen") ?? 10), MAX_PAGE_LENGTH);
  const page = Number(request.query.get("page") ?? 1);
  const found = context.issues.filter((issue) => issue.body.toLowerCase().includes(wanted));
  const values = found.slice((page - 1) * pagelen, page * pagelen).map(asJson);
  const next = page * pagelen < found.length ? `${context.baseUrl}${path}?page=${page + 1}` : undefined;
  return { status: 200, body: { pagelen, page, size: found.length, values, ...(next ? { next } : {}) } };
}

function handle(request: FakeRequest, context: TrackerContext): Reply {
  const onRepo = (method: string, suffix: string) => {
    const match = route(request, method, new RegExp(`^/2\\.0/repositories/([^/]+)/([^/]+)${suffix}$`));
    return match && `${match[0]}/${match[1]}` === context.projectKey ? match.slice(2) : null;
  };
  const payload = (request.json ?? {}) as Payload;
  if (onRepo("GET", "")) return { status: 200, body: { full_name: context.projectKey, has_issues: true } };
  if (onRepo("GET", "/issues")) return search(request, context, request.path);
  if (onRepo("POST", "/issues")) {
    const title = text(payload.title);
    if (!title) return failure(400, "title: This field is required.");
    const kind = text(payload.kind) ?? "bug";
    if (!KINDS.includes(kind)) return failure(400, `kind: "${kind}" is not a valid choice.`);
    return { status: 201, body: asJson(fileIssue(bitbucket, context, { title, body: text(payload.content?.raw) ?? "", labels: [], kind })) };
  }
  const edited = onRepo("PUT", "/issues/(\\d+)");
  if (edited) {
    const issue = context.issues.find((candidate) => candidate.key === edited[0]);
    if (!issue) return failure(404, "Issue not found");
    return { status: 200, body: asJson(editIssue(issue, { title: text(payload.title), body: text(payload.content?.raw) })) };
  }
  return failure(404, `Repository ${request.path.split("/").slice(3, 5).join("/")} not found`);
}

const authorization = (credential: string) =>
  credential.includes(":") ? `Basic ${Buffer.from(credential).toString("base64")}` : `Bearer ${credential}`;

const bitbucket: TrackerSpec = {
  provider: "BITBUCKET",
  defaults: { credential: "acme-bot:ATBBfakeBitbucketAppPassword0123", projectKey: "acme/web" },
  authorized: (request, { credential }) => request.headers.authorization === authorization(credential),
  unauthorized: failure(401, "Access denied: the credential is not valid."),
  errorBody: (status) => failure(status, status === 429 ? "Rate limit for this resource has been exceeded" : `Fake failure ${status}`).body,
  handle,
  naming: (context, n) => ({ key: String(n), url: `${context.baseUrl}/${context.projectKey}/issues/${n}` }),
  // The issue-import archive has no labels: the fingerprint is text in the description.
  importKeeps: "text",
  keepsLabels: false,
};

/** Bitbucket Cloud REST 2.0 subset: repository read, issues by BBQL `content.raw ~`, create, edit; no labels. */
export function startFakeBitbucket(options?: FakeTrackerOptions): Promise<FakeTracker> {
  return startTracker(bitbucket, options);
}
