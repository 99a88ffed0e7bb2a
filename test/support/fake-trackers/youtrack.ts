import { editIssue, fileIssue, route, startTracker, text } from "./server.js";
import type { FakeIssue, FakeRequest, FakeTracker, FakeTrackerOptions, Reply, TrackerContext, TrackerSpec } from "./server.js";

const PROJECT_ID = "0-7";
const QUERY = /^project: \{([^}]*)\} "([^"]*)"$/;

export interface FakeYouTrackTag {
  id: string;
  name: string;
}

export interface FakeYouTrack extends FakeTracker {
  /** The tags the token's user sees; the adapter creates them here when missing. */
  readonly tags: FakeYouTrackTag[];
}

/** YouTrack's OAuth-style error shape. */
const failure = (status: number, error: string, description: string): Reply => ({
  status,
  body: { error, error_description: description },
});

interface Payload {
  project?: { id?: unknown };
  summary?: unknown;
  description?: unknown;
  usesMarkdown?: unknown;
  id?: unknown;
  name?: unknown;
}

const contains = (value: string, part: string) => value.toLowerCase().includes(part.toLowerCase());
const page = <T>(items: T[], query: URLSearchParams) => {
  const skip = Number(query.get("$skip") ?? 0);
  return items.slice(skip, skip + Number(query.get("$top") ?? 42));
};

function youTrackSpec(tags: FakeYouTrackTag[]): TrackerSpec {
  const tagNamed = (name: string) => tags.find((tag) => tag.name === name);
  const newTag = (name: string) => {
    const made = { id: `6-${tags.length + 1}`, name };
    tags.push(made);
    return made;
  };
  const tagsOf = (issue: FakeIssue) => issue.labels.map((name) => ({ ...(tagNamed(name) ?? newTag(name)), $type: "Tag" }));
  const asJson = (issue: FakeIssue, context: TrackerContext) => ({
    id: `2-${issue.key.split("-")[1]}`,
    idReadable: issue.key,
    summary: issue.title,
    description: issue.body,
    usesMarkdown: true,
    project: { id: PROJECT_ID, shortName: context.projectKey, $type: "Project" },
    tags: tagsOf(issue),
    $type: "Issue",
  });
  const notFound = (what: string) => failure(404, "Not Found", `Entity with id ${what} not found`);

  const handle = (request: FakeRequest, context: TrackerContext): Reply => {
    // Tags of hand-made issues exist as soon as the issues do.
    context.issues.forEach(tagsOf);
    const payload = (request.json ?? {}) as Payload;
    const issueOf = (id: string) => context.issues.find((candidate) => candidate.key === id);
    if (route(request, "GET", /^\/api\/admin\/projects$/)) {
      const project = { id: PROJECT_ID, shortName: context.projectKey, name: "Security", $type: "Project" };
      const wanted = request.query.get("query") ?? "";
      return { status: 200, body: page(contains(project.shortName, wanted) || contains(project.name, wanted) ? [project] : [], request.query) };
    }
    if (route(request, "GET", /^\/api\/tags$/)) {
      const wanted = request.query.get("query") ?? "";
      return { status: 200, body: page(tags.filter((tag) => contains(tag.name, wanted)).map((tag) => ({ ...tag, $type: "Tag" })), request.query) };
    }
    if (route(request, "POST", /^\/api\/tags$/)) {
      const name = text(payload.name)?.trim();
      if (!name) return failure(400, "bad_request", "Tag name is required");
      if (tagNamed(name)) return failure(400, "bad_request", `Tag with name ${name} already exists`);
      return { status: 200, body: { ...newTag(name), $type: "Tag" } };
    }
    const tagged = route(request, "GET", /^\/api\/tags\/([^/]+)\/issues$/);
    if (tagged) {
      const tag = tags.find((candidate) => candidate.id === tagged[0]);
      if (!tag) return notFound(tagged[0]);
      return { status: 200, body: page(context.issues.filter((issue) => issue.labels.includes(tag.name)).map((issue) => asJson(issue, context)), request.query) };
    }
    if (route(request, "GET", /^\/api\/issues$/)) {
      const match = QUERY.exec(request.query.get("query") ?? "");
      if (!match) return failure(400, "bad_request", "The fake understands: project: {KEY} \"phrase\"");
      if (match[1].toLowerCase() !== context.projectKey.toLowerCase()) return failure(400, "bad_request", `Unknown project: ${match[1]}`);
      const found = context.issues.filter((issue) => contains(`${issue.title}\n${issue.body}`, match[2]));
      return { status: 200, body: page(found.map((issue) => asJson(issue, context)), request.query) };
    }
    if (route(request, "POST", /^\/api\/issues$/)) {
      if (payload.project?.id !== PROJECT_ID) return failure(400, "bad_request", "Project is required");
      const title = text(payload.summary);
      if (!title) return failure(400, "bad_request", "Summary is required");
      return { status: 200, body: asJson(fileIssue(youTrack, context, { title, body: text(payload.description) ?? "", labels: [] }), context) };
    }
    const issueTags = route(request, "POST", /^\/api\/issues\/([^/]+)\/tags$/);
    if (issueTags) {
      const issue = issueOf(issueTags[0]);
      const tag = tags.find((candidate) => candidate.id === payload.id);
      if (!issue || !tag) return notFound(issue ? String(payload.id) : issueTags[0]);
      if (!issue.labels.includes(tag.name)) issue.labels.push(tag.name);
      return { status: 200, body: { id: tag.id, $type: "Tag" } };
    }
    const untag = route(request, "DELETE", /^\/api\/issues\/([^/]+)\/tags\/([^/]+)$/);
    if (untag) {
      const issue = issueOf(untag[0]);
      const tag = tags.find((candidate) => candidate.id === untag[1]);
      if (!issue || !tag) return notFound(untag.join("/"));
      issue.labels = issue.labels.filter((name) => name !== tag.name);
      return { status: 200 };
    }
    const edited = route(request, "POST", /^\/api\/issues\/([^/]+)$/);
    if (edited) {
      const issue = issueOf(edited[0]);
      if (!issue) return notFound(edited[0]);
      return { status: 200, body: asJson(editIssue(issue, { title: text(payload.summary), body: text(payload.description) }), context) };
    }
    return failure(404, "Not Found", "HTTP 404 Not Found");
  };

  const youTrack: TrackerSpec = {
    provider: "YOUTRACK",
    defaults: { credential: "perm-YWNtZQ==.NDItMQ==.FakeYouTrackToken0123456789", projectKey: "SEC" },
    authorized: (request, { credential }) => request.headers.authorization === `Bearer ${credential}`,
    unauthorized: failure(401, "Unauthorized", "You are not logged in."),
    errorBody: (status) => failure(status, status === 429 ? "Too Many Requests" : "Fake failure", `Fake failure ${status}`).body,
    handle,
    naming: (context, n) => ({ key: `${context.projectKey}-${n}`, url: `${context.baseUrl}/issue/${context.projectKey}-${n}` }),
    // Whether an import keeps tags depends on the path taken; the description's details always come through.
    importKeeps: "text",
  };
  return youTrack;
}

/**
 * YouTrack REST subset under /api: projects by query, tags (list, create, their issues), issues by a project and
 * quoted-phrase query (paged with $top/$skip), issue create and edit, tag and untag; a permanent token as a bearer
 * token. Issues carry tag names as their labels.
 */
export async function startFakeYouTrack(options: FakeTrackerOptions = {}): Promise<FakeYouTrack> {
  const tags: FakeYouTrackTag[] = [];
  const tracker = await startTracker(youTrackSpec(tags), options);
  return { ...tracker, tags };
}
