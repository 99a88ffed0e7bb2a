import { editIssue, fileIssue, route, startTracker, text, withLabels } from "./server.js";
import type { FakeIssue, FakeRequest, FakeTracker, FakeTrackerOptions, Reply, TrackerContext, TrackerSpec } from "./server.js";

const PAGE_SIZE = 100;

/** ClickUp's error shape: a sentence and an error code. */
const failure = (status: number, err: string, code: string): Reply => ({ status, body: { err, ECODE: code } });

const asJson = (issue: FakeIssue) => ({
  id: issue.key,
  name: issue.title,
  markdown_description: issue.body,
  tags: issue.labels.map((name) => ({ name, tag_fg: "#000000", tag_bg: "#ffffff" })),
  url: issue.url,
});

// ClickUp keeps tag names in lower case.
const tagName = (name: string) => name.toLowerCase();

interface Payload {
  name?: unknown;
  description?: unknown;
  markdown_content?: unknown;
  tags?: unknown;
}

/** markdown_content wins over description when both come, as ClickUp documents. */
const descriptionOf = (payload: Payload) => text(payload.markdown_content) ?? text(payload.description);

function handle(request: FakeRequest, context: TrackerContext): Reply {
  const onList = (method: string, suffix: string) => {
    const match = route(request, method, new RegExp(`^/api/v2/list/([^/]+)${suffix}$`));
    return match ? match[0] === context.projectKey : null;
  };
  // A list outside the token's workspaces, or no list at all: ClickUp says the team is not authorised.
  const notAuthorized = failure(401, "Team not authorized", "OAUTH_027");
  const payload = (request.json ?? {}) as Payload;
  const task = (suffix = "") => {
    const match = route(request, request.method, new RegExp(`^/api/v2/task/([^/]+)${suffix}$`));
    return match ? { issue: context.issues.find((candidate) => candidate.key === match[0]), rest: match.slice(1) } : null;
  };

  const listRead = onList("GET", "");
  if (listRead !== null) return listRead ? { status: 200, body: { id: context.projectKey, name: "Security", space: { id: "90150001" } } } : notAuthorized;
  const listed = onList("GET", "/task");
  if (listed !== null) {
    if (!listed) return notAuthorized;
    const page = Number(request.query.get("page") ?? 0);
    const open = request.query.get("include_closed") === "true" ? context.issues : context.issues.filter((issue) => !issue.closed);
    const found = withLabels(open, request.query.getAll("tags[]").map(tagName));
    const tasks = found.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map(asJson);
    return { status: 200, body: { tasks, last_page: (page + 1) * PAGE_SIZE >= found.length } };
  }
  const created = onList("POST", "/task");
  if (created !== null) {
    if (!created) return notAuthorized;
    const title = text(payload.name);
    if (!title) return failure(400, "Task name invalid", "INPUT_005");
    const labels = Array.isArray(payload.tags) ? [...new Set(payload.tags.map((tag) => tagName(String(tag))))] : [];
    return { status: 200, body: asJson(fileIssue(clickUp, context, { title, body: descriptionOf(payload) ?? "", labels })) };
  }
  const tagged = request.method === "POST" || request.method === "DELETE" ? task("/tag/([^/]+)") : null;
  if (tagged) {
    if (!tagged.issue) return failure(404, "Task not found, deleted", "ITEM_013");
    const name = tagName(tagged.rest[0]);
    const others = tagged.issue.labels.filter((label) => label !== name);
    tagged.issue.labels = request.method === "POST" ? [...others, name] : others;
    return { status: 200, body: {} };
  }
  const edited = request.method === "PUT" ? task() : null;
  if (edited) {
    if (!edited.issue) return failure(404, "Task not found, deleted", "ITEM_013");
    if (payload.tags !== undefined) return failure(400, "Tags cannot be changed by updating a task", "INPUT_003");
    return { status: 200, body: asJson(editIssue(edited.issue, { title: text(payload.name), body: descriptionOf(payload) })) };
  }
  return failure(404, "Route not found", "APP_001");
}

const clickUp: TrackerSpec = {
  provider: "CLICKUP",
  defaults: { credential: "pk_4242_FAKECLICKUPTOKEN0123456789ABCDEF", projectKey: "901234567" },
  authorized: (request, { credential }) => request.headers.authorization === credential,
  unauthorized: failure(401, "Token invalid", "OAUTH_025"),
  errorBody: (status) => (status === 429 ? failure(429, "Rate limit reached", "APP_002") : failure(status, `Fake failure ${status}`, "FAKE_000")).body,
  handle,
  naming: (context, n) => {
    const key = `86${n.toString(36).padStart(7, "0")}`;
    return { key, url: `${context.baseUrl}/t/${key}` };
  },
  // The spreadsheet importer maps a Tags column to tags.
  importKeeps: "label",
};

/**
 * ClickUp REST v2 subset: list read, list tasks by tags (paged, closed ones on request), create with tags, edit,
 * add and remove a tag; the token bare in Authorization; an unknown list answers 401 OAUTH_027 as ClickUp does.
 */
export function startFakeClickUp(options?: FakeTrackerOptions): Promise<FakeTracker> {
  return startTracker(clickUp, options);
}
