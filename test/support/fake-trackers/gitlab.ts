import { editIssue, fileIssue, route, startTracker, text, withLabels } from "./server.js";
import type { FakeIssue, FakeRequest, FakeTracker, FakeTrackerOptions, Reply, TrackerContext, TrackerSpec } from "./server.js";

/** The numeric id the fake project also answers to. */
export const GITLAB_PROJECT_ID = "4242";

interface Payload {
  title?: unknown;
  description?: unknown;
  labels?: unknown;
}

const labelList = (labels: unknown) =>
  typeof labels === "string" ? labels.split(",").map((label) => label.trim()).filter(Boolean) : undefined;

const asJson = (issue: FakeIssue) => ({
  iid: Number(issue.key),
  title: issue.title,
  description: issue.body,
  labels: issue.labels,
  web_url: issue.url,
});

/** GitLab's `search` (case-insensitive) in the title and description, or only the fields `in` names. */
function searched(issues: FakeIssue[], query: URLSearchParams): FakeIssue[] {
  const search = query.get("search")?.toLowerCase();
  if (!search) return issues;
  const fields = (query.get("in") ?? "title,description").split(",");
  return issues.filter(
    (issue) =>
      (fields.includes("title") && issue.title.toLowerCase().includes(search)) ||
      (fields.includes("description") && issue.body.toLowerCase().includes(search)),
  );
}

function handle(request: FakeRequest, context: TrackerContext): Reply {
  const onProject = (method: string, suffix: string) => {
    const match = route(request, method, new RegExp(`^/api/v4/projects/([^/]+)${suffix}$`));
    return match && [context.projectKey, GITLAB_PROJECT_ID].includes(match[0]) ? match.slice(1) : null;
  };
  const payload = (request.json ?? {}) as Payload;

  if (onProject("GET", "")) return { status: 200, body: { id: Number(GITLAB_PROJECT_ID), path_with_namespace: context.projectKey } };
  if (onProject("GET", "/issues")) {
    const labelled = withLabels(context.issues, labelList(request.query.get("labels")) ?? []);
    return { status: 200, body: searched(labelled, request.query).map(asJson) };
  }
  if (onProject("POST", "/issues")) {
    const title = text(payload.title);
    if (!title) return { status: 400, body: { message: { title: ["can't be blank"] } } };
    const fields = { title, body: text(payload.description) ?? "", labels: labelList(payload.labels) ?? [] };
    return { status: 201, body: asJson(fileIssue(gitlab, context, fields)) };
  }
  const edited = onProject("PUT", "/issues/(\\d+)");
  if (edited) {
    const issue = context.issues.find((candidate) => candidate.key === edited[0]);
    if (!issue) return { status: 404, body: { message: "404 Not found" } };
    editIssue(issue, { title: text(payload.title), body: text(payload.description), labels: labelList(payload.labels) });
    return { status: 200, body: asJson(issue) };
  }
  return { status: 404, body: { message: "404 Project Not Found" } };
}

const gitlab: TrackerSpec = {
  provider: "GITLAB",
  defaults: { credential: "glpat-fakeGitLabToken012345", projectKey: "acme/web" },
  authorized: (request, { credential }) => request.headers["private-token"] === credential,
  credentialHeader: "private-token",
  unauthorized: { status: 401, body: { message: "401 Unauthorized" } },
  errorBody: (status) => ({ message: status === 429 ? "Retry later" : `${status} Fake failure` }),
  handle,
  naming: (context, n) => ({ key: String(n), url: `${context.baseUrl}/${context.projectKey}/-/issues/${n}` }),
  // The CSV importer runs the description's sanitised /label quick action.
  importKeeps: "label",
};

/** GitLab REST v4 subset: project read (by path or id 4242), issues by label or search, create, edit; PRIVATE-TOKEN auth. */
export function startFakeGitLab(options?: FakeTrackerOptions): Promise<FakeTracker> {
  return startTracker(gitlab, options);
}
