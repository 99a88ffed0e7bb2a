import { editIssue, fileIssue, route, startTracker, text } from "./server.js";
import type { FakeIssue, FakeRequest, FakeTracker, FakeTrackerOptions, Reply, TrackerContext, TrackerSpec } from "./server.js";

const WORKSPACE = "1200000000000001";
const MAX_LIMIT = 100;

export interface FakeAsanaTag {
  gid: string;
  name: string;
}

export interface FakeAsana extends FakeTracker {
  /** The workspace's tags; the adapter creates them here when missing. */
  readonly tags: FakeAsanaTag[];
}

/** Asana's error shape: a list of messages, each with a pointer to help. */
const failure = (status: number, message: string): Reply => ({
  status,
  body: { errors: [{ message, help: "For more information on API status codes and how to handle them, read the docs." }] },
});

interface Payload {
  data?: { name?: unknown; notes?: unknown; projects?: unknown; tags?: unknown; tag?: unknown; workspace?: unknown };
}

function asanaSpec(tags: FakeAsanaTag[]): TrackerSpec {
  const tagNamed = (name: string) => tags.find((tag) => tag.name === name);
  const newTag = (name: string) => {
    const made = { gid: `13000000000000${String(tags.length + 1).padStart(2, "0")}`, name };
    tags.push(made);
    return made;
  };
  const asJson = (issue: FakeIssue) => ({
    gid: issue.key,
    resource_type: "task",
    name: issue.title,
    notes: issue.body,
    completed: Boolean(issue.closed),
    tags: issue.labels.map((name) => ({ ...(tagNamed(name) ?? newTag(name)), resource_type: "tag" })),
    permalink_url: issue.url,
  });

  const handle = (request: FakeRequest, context: TrackerContext): Reply => {
    // Tags of hand-made tasks exist as soon as the tasks do.
    context.issues.forEach(asJson);
    const data = ((request.json ?? {}) as Payload).data ?? {};
    const project = route(request, "GET", /^\/api\/1\.0\/projects\/([^/]+)((?:\/tasks)?)$/);
    if (project) {
      if (!/^\d+$/.test(project[0])) return failure(400, `project: Not a Long: ${project[0]}`);
      if (project[0] !== context.projectKey) return failure(404, `project: Unknown object: ${project[0]}`);
      if (!project[1]) return { status: 200, body: { data: { gid: context.projectKey, name: "Security", workspace: { gid: WORKSPACE, resource_type: "workspace" } } } };
      const limit = Number(request.query.get("limit") ?? 20);
      if (!(limit >= 1 && limit <= MAX_LIMIT)) return failure(400, `limit: Number must be between 1 and ${MAX_LIMIT}`);
      const offset = Number(request.query.get("offset") ?? 0);
      const more = offset + limit < context.issues.length;
      const next = more ? { offset: String(offset + limit), path: `/projects/${context.projectKey}/tasks?offset=${offset + limit}` } : null;
      return { status: 200, body: { data: context.issues.slice(offset, offset + limit).map(asJson), next_page: next } };
    }
    const typeahead = route(request, "GET", /^\/api\/1\.0\/workspaces\/([^/]+)\/typeahead$/);
    if (typeahead) {
      if (request.query.get("resource_type") !== "tag") return failure(400, "resource_type: the fake knows tags only");
      const wanted = (request.query.get("query") ?? "").toLowerCase();
      const found = tags.filter((tag) => tag.name.toLowerCase().includes(wanted)).slice(0, Number(request.query.get("count") ?? 20));
      return { status: 200, body: { data: found.map((tag) => ({ ...tag, resource_type: "tag" })) } };
    }
    if (route(request, "POST", /^\/api\/1\.0\/workspaces\/([^/]+)\/tags$/)?.[0] === WORKSPACE) {
      const name = text(data.name);
      if (!name) return failure(400, "name: Missing input");
      // Asana allows two tags of one name; the adapter is expected to reuse the one it finds.
      return { status: 201, body: { data: { ...newTag(name), resource_type: "tag" } } };
    }
    if (route(request, "POST", /^\/api\/1\.0\/tasks$/)) {
      const title = text(data.name);
      if (!Array.isArray(data.projects) || !data.projects.includes(context.projectKey)) return failure(400, "projects: the task must be in the project");
      if (!title) return failure(400, "name: Missing input");
      const tagGids = Array.isArray(data.tags) ? data.tags.map(String) : [];
      const labels = tagGids.map((gid) => tags.find((tag) => tag.gid === gid)?.name);
      if (labels.some((name) => name === undefined)) return failure(400, "tags: Unknown object");
      const issue = fileIssue(asana, context, { title, body: text(data.notes) ?? "", labels: labels as string[] });
      return { status: 201, body: { data: asJson(issue) } };
    }
    const task = route(request, request.method, /^\/api\/1\.0\/tasks\/([^/]+)((?:\/addTag|\/removeTag)?)$/);
    if (task) {
      const issue = context.issues.find((candidate) => candidate.key === task[0]);
      if (!issue) return failure(404, `task: Unknown object: ${task[0]}`);
      if (request.method === "PUT" && !task[1]) {
        if (data.tags !== undefined) return failure(400, "tags: Cannot write this property");
        return { status: 200, body: { data: asJson(editIssue(issue, { title: text(data.name), body: text(data.notes) })) } };
      }
      if (request.method === "POST" && task[1]) {
        const tag = tags.find((candidate) => candidate.gid === data.tag);
        if (!tag) return failure(400, "tag: Unknown object");
        const others = issue.labels.filter((name) => name !== tag.name);
        issue.labels = task[1] === "/addTag" ? [...others, tag.name] : others;
        return { status: 200, body: { data: {} } };
      }
    }
    return failure(404, "No matching route for request");
  };

  const asana: TrackerSpec = {
    provider: "ASANA",
    defaults: { credential: "2/1200000000000009/1200000000000010:fakeAsanaPersonalAccessToken", projectKey: "1201234567890123" },
    authorized: (request, { credential }) => request.headers.authorization === `Bearer ${credential}`,
    unauthorized: failure(401, "Not Authorized"),
    errorBody: (status) => failure(status, status === 429 ? "You have made too many requests recently. Please, be chill." : `Fake failure ${status}`).body,
    handle,
    naming: (context, n) => {
      const gid = `12050000000${String(n).padStart(5, "0")}`;
      return { key: gid, url: `${context.baseUrl}/0/${context.projectKey}/${gid}` };
    },
    // The CSV importer drops tags: the label is only text in the notes.
    importKeeps: "text",
  };
  return asana;
}

/**
 * Asana REST 1.0 subset (bodies wrapped in `data`): project read, project tasks paged by offset, tag typeahead and
 * create, task create with tags, edit (tags refused, as Asana does), addTag and removeTag; a bearer token. Tasks carry
 * tag names as their labels and their notes as the body.
 */
export async function startFakeAsana(options: FakeTrackerOptions = {}): Promise<FakeAsana> {
  const tags: FakeAsanaTag[] = [];
  const tracker = await startTracker(asanaSpec(tags), options);
  return { ...tracker, tags };
}
