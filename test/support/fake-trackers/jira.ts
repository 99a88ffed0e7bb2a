import { editIssue, fileIssue, route, startTracker, text, withLabels } from "./server.js";
import type { FakeIssue, FakeRequest, FakeTracker, FakeTrackerOptions, Reply, TrackerContext, TrackerSpec } from "./server.js";

const ISSUE_TYPES = ["Task", "Bug", "Story"];
const JQL = /^project\s*=\s*"((?:[^"\\]|\\.)*)"\s+AND\s+labels\s*=\s*"((?:[^"\\]|\\.)*)"$/;

interface AdfNode {
  type?: unknown;
  text?: unknown;
  content?: unknown;
  version?: unknown;
}

interface Fields {
  project?: { key?: unknown };
  issuetype?: { name?: unknown };
  summary?: unknown;
  description?: unknown;
  labels?: unknown;
}

const failure = (status: number, errors: Record<string, string>, errorMessages: string[] = []): Reply => ({
  status,
  body: { errorMessages, errors },
});

/** Jira refuses an ADF document with an empty text node; the fake does too. */
function adfProblem(node: AdfNode, depth = 0): string | null {
  if (depth === 0 && (node.type !== "doc" || node.version !== 1)) return "Operation value must be an Atlassian Document.";
  if (node.type === "text" && (typeof node.text !== "string" || node.text === "")) return "Text nodes must not be empty.";
  const children = Array.isArray(node.content) ? (node.content as AdfNode[]) : [];
  for (const child of children) {
    const problem = adfProblem(child, depth + 1);
    if (problem) return problem;
  }
  return null;
}

function adfText(node: AdfNode): string {
  if (node.type === "text") return String(node.text);
  if (node.type === "hardBreak") return "\n";
  const children = Array.isArray(node.content) ? (node.content as AdfNode[]) : [];
  return children.map(adfText).join(node.type === "doc" || String(node.type).endsWith("List") ? "\n" : "");
}

/** Jira's field validation, for what the adapter sends; null when the fields are acceptable. */
function fieldProblems(fields: Fields, project: string, creating: boolean): Record<string, string> | null {
  const problems: Record<string, string> = {};
  if (creating && fields.project?.key !== project) problems.project = "valid project is required";
  if (creating && !ISSUE_TYPES.includes(String(fields.issuetype?.name))) problems.issuetype = "valid issue type is required";
  if ((creating || fields.summary !== undefined) && !text(fields.summary)) problems.summary = "You must specify a summary of the issue.";
  const labels = fields.labels === undefined ? [] : fields.labels;
  if (!Array.isArray(labels) || labels.some((label) => typeof label !== "string" || /\s/.test(label))) {
    problems.labels = "Labels must be strings without spaces.";
  }
  const adf = fields.description === undefined ? null : adfProblem((fields.description ?? {}) as AdfNode);
  if (adf) problems.description = adf;
  return Object.keys(problems).length > 0 ? problems : null;
}

const edit = (fields: Fields) => ({
  title: text(fields.summary),
  labels: Array.isArray(fields.labels) ? (fields.labels as string[]) : undefined,
  body: fields.description === undefined ? undefined : adfText(fields.description as AdfNode),
  document: fields.description,
});

const asJson = (issue: FakeIssue) => ({ id: issue.key.replace(/\D/g, ""), key: issue.key, fields: { summary: issue.title } });

function search(request: FakeRequest, context: TrackerContext): Reply {
  const match = JQL.exec(String((request.json as { jql?: unknown } | undefined)?.jql ?? "").trim());
  if (!match) return failure(400, {}, ["Error in the JQL Query: the fake understands project = \"X\" AND labels = \"y\"."]);
  const [wantedProject, label] = match.slice(1).map((value) => value.replace(/\\(.)/g, "$1"));
  const found = wantedProject === context.projectKey ? withLabels(context.issues, [label]) : [];
  return { status: 200, body: { issues: found.map(asJson), isLast: true } };
}

function handle(request: FakeRequest, context: TrackerContext): Reply {
  const project = context.projectKey;
  const fields = ((request.json as { fields?: Fields } | undefined)?.fields ?? {}) as Fields;
  const projectRead = route(request, "GET", /^\/rest\/api\/3\/project\/([^/]+)$/);
  if (projectRead) {
    if (projectRead[0] !== project) return failure(404, {}, [`No project could be found with key '${projectRead[0]}'.`]);
    return { status: 200, body: { id: "10000", key: project, name: "Security" } };
  }
  if (route(request, "POST", /^\/rest\/api\/3\/search\/jql$/)) return search(request, context);
  if (route(request, "POST", /^\/rest\/api\/3\/issue$/)) {
    const problems = fieldProblems(fields, project, true);
    if (problems) return failure(400, problems);
    const { title = "", body = "", labels = [], document } = edit(fields);
    const issue = fileIssue(jira, context, { title, body, labels, document });
    return { status: 201, body: { id: issue.key.replace(/\D/g, ""), key: issue.key, self: `${context.baseUrl}/rest/api/3/issue/${issue.key}` } };
  }
  const edited = route(request, "PUT", /^\/rest\/api\/3\/issue\/([^/]+)$/);
  if (edited) {
    const issue = context.issues.find((candidate) => candidate.key === edited[0]);
    if (!issue) return failure(404, {}, ["Issue does not exist or you do not have permission to see it."]);
    const problems = fieldProblems(fields, project, false);
    if (problems) return failure(400, problems);
    editIssue(issue, edit(fields));
    return { status: 204 };
  }
  return failure(404, {}, ["Not found."]);
}

const basicOrBearer = (credential: string) =>
  credential.includes(":") ? `Basic ${Buffer.from(credential).toString("base64")}` : `Bearer ${credential}`;

const jira: TrackerSpec = {
  provider: "JIRA",
  defaults: { credential: "qa@acme.test:ATATT3xFakeJiraToken0123", projectKey: "SEC" },
  authorized: (request, { credential }) => request.headers.authorization === basicOrBearer(credential),
  unauthorized: failure(401, {}, ["Client must be authenticated to access this resource."]),
  errorBody: (status) => failure(status, {}, [status === 429 ? "Rate limit exceeded." : `Fake failure ${status}.`]).body,
  handle,
  naming: (context, n) => ({ key: `${context.projectKey}-${n}`, url: `${context.baseUrl}/browse/${context.projectKey}-${n}` }),
  // The CSV importer maps the repeated Labels columns to labels.
  importKeeps: "label",
};

/** Jira Cloud REST v3 subset: project read, enhanced JQL search by project and label, create (ADF checked), edit. */
export function startFakeJira(options?: FakeTrackerOptions): Promise<FakeTracker> {
  return startTracker(jira, options);
}
