import { editIssue, fileIssue, route, startTracker, text, withLabels } from "./server.js";
import type { FakeIssue, FakeRequest, FakeTracker, FakeTrackerOptions, Reply, TrackerContext, TrackerSpec } from "./server.js";

const notFound: Reply = { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };

const asJson = (issue: FakeIssue) => ({
  number: Number(issue.key),
  title: issue.title,
  body: issue.body,
  html_url: issue.url,
  labels: issue.labels.map((name) => ({ name })),
  ...(issue.pullRequest ? { pull_request: { url: `${issue.url}.diff` } } : {}),
});

interface Payload {
  title?: unknown;
  body?: unknown;
  labels?: unknown;
}

const labelsOf = (payload: Payload) => (Array.isArray(payload.labels) ? payload.labels.map(String) : undefined);

// The qualifiers the adapter sends; GitHub's search matches words, the fake a case-insensitive phrase.
const SEARCH = /^"([^"]*)" in:body is:issue repo:(\S+)$/;

/** Issue search: a quoted phrase in the bodies of one repository's issues (pull requests excluded by is:issue). */
function search(request: FakeRequest, context: TrackerContext): Reply {
  const match = SEARCH.exec(request.query.get("q") ?? "");
  if (!match) return { status: 422, body: { message: "Validation Failed", errors: [{ code: "invalid", field: "q" }] } };
  const [, phrase, repo] = match;
  const items =
    repo === context.projectKey
      ? context.issues.filter((issue) => !issue.pullRequest && issue.body.toLowerCase().includes(phrase.toLowerCase()))
      : [];
  return { status: 200, body: { total_count: items.length, incomplete_results: false, items: items.map(asJson) } };
}

function handle(request: FakeRequest, context: TrackerContext): Reply {
  // GitHub refuses requests without a User-Agent.
  if (!request.headers["user-agent"]) return { status: 403, body: { message: "Request forbidden by administrative rules." } };
  const onRepo = (method: string, suffix: string) => {
    const match = route(request, method, new RegExp(`^/repos/([^/]+)/([^/]+)${suffix}$`));
    return match && `${match[0]}/${match[1]}` === context.projectKey ? match.slice(2) : null;
  };
  const payload = (request.json ?? {}) as Payload;

  if (route(request, "GET", /^\/search\/issues$/)) return search(request, context);
  if (onRepo("GET", "")) return { status: 200, body: { full_name: context.projectKey, permissions: { push: true } } };
  if (onRepo("GET", "/issues")) {
    const wanted = (request.query.get("labels") ?? "").split(",").filter(Boolean);
    return { status: 200, body: withLabels(context.issues, wanted).map(asJson) };
  }
  if (onRepo("POST", "/issues")) {
    const title = text(payload.title);
    if (!title) return { status: 422, body: { message: "Validation Failed", errors: [{ field: "title", code: "missing_field" }] } };
    const issue = fileIssue(github, context, { title, body: text(payload.body) ?? "", labels: labelsOf(payload) ?? [] });
    return { status: 201, body: asJson(issue) };
  }
  const edited = onRepo("PATCH", "/issues/(\\d+)");
  if (edited) {
    const issue = context.issues.find((candidate) => candidate.key === edited[0]);
    if (!issue) return notFound;
    editIssue(issue, { title: text(payload.title), body: text(payload.body), labels: labelsOf(payload) });
    return { status: 200, body: asJson(issue) };
  }
  return notFound;
}

const github: TrackerSpec = {
  provider: "GITHUB",
  defaults: { credential: "ghp_fakeGitHubToken0123456789", projectKey: "acme/web" },
  authorized: (request, { credential }) =>
    [`Bearer ${credential}`, `token ${credential}`].includes(String(request.headers.authorization)),
  unauthorized: { status: 401, body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" } },
  errorBody: (status) => ({ message: status === 429 ? "API rate limit exceeded" : `Fake failure ${status}` }),
  handle,
  naming: (context, n) => ({ key: String(n), url: `${context.baseUrl}/${context.projectKey}/issues/${n}` }),
  // No importer: a person pastes a Markdown section, and adds the label only if they think of it.
  importKeeps: "text",
};

/**
 * GitHub REST subset: repository read, issues by label (pull requests included, as GitHub does), issue search by a
 * phrase in bodies, create, edit.
 */
export function startFakeGitHub(options?: FakeTrackerOptions): Promise<FakeTracker> {
  return startTracker(github, options);
}
