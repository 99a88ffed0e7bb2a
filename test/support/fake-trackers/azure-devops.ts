import { editIssue, fileIssue, PlainText, route, startTracker, text, withLabels } from "./server.js";
import type { FakeIssue, FakeRequest, FakeTracker, FakeTrackerOptions, Reply, TrackerContext, TrackerSpec } from "./server.js";

const API_VERSIONS = ["6.0", "7.0", "7.1"];
const WORK_ITEM_TYPES = ["Task", "Bug", "Issue", "User Story", "Product Backlog Item"];
const WIQL =
  /^SELECT \[System\.Id\] FROM WorkItems WHERE \[System\.TeamProject\] = @project AND \[System\.Tags\] CONTAINS '((?:[^']|'')*)' ORDER BY \[System\.Id\]$/;

/** Azure DevOps' error shape: a message with a TF/VS code, and the exception's type. */
const failure = (status: number, message: string, typeKey = "VssServiceException"): Reply => ({
  status,
  body: { $id: "1", innerException: null, message, typeName: `Microsoft.VisualStudio.Services.${typeKey}`, typeKey, errorCode: 0, eventId: 3000 },
});

interface PatchOperation {
  op?: unknown;
  path?: unknown;
  value?: unknown;
}

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'", "&amp;": "&" };

/** The text a person reads in an HTML description: block ends are line breaks, tags dropped, then entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<\/(p|h[1-6]|li|pre|blockquote)>\s*/g, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/\n{2,}/g, "\n")
    .replace(/&(lt|gt|quot|#39|#x27|amp);/g, (entity) => ENTITIES[entity]);
}

/** The fields a JSON Patch document sets, or a reason Azure DevOps would refuse it. */
function patchedFields(request: FakeRequest): Record<string, unknown> | string {
  if (!String(request.headers["content-type"]).startsWith("application/json-patch+json")) {
    return "VS403437: The request body must be a JSON Patch document sent as application/json-patch+json.";
  }
  if (!Array.isArray(request.json)) return "You must pass a valid patch document in the body of the request.";
  const fields: Record<string, unknown> = {};
  for (const operation of request.json as PatchOperation[]) {
    const match = /^\/fields\/([\w.]+)$/.exec(String(operation.path));
    if (operation.op !== "add" || !match) return `The patch operation ${JSON.stringify(operation.op)} on ${String(operation.path)} is not supported.`;
    fields[match[1]] = operation.value;
  }
  return fields;
}

function edit(fields: Record<string, unknown>) {
  const description = text(fields["System.Description"]);
  const tags = text(fields["System.Tags"]);
  return {
    title: text(fields["System.Title"]),
    body: description === undefined ? undefined : htmlText(description),
    document: description,
    labels: tags === undefined ? undefined : tags.split(";").map((tag) => tag.trim()).filter(Boolean),
  };
}

function handle(request: FakeRequest, context: TrackerContext): Reply {
  const [organization, project] = context.projectKey.split("/");
  if (!API_VERSIONS.includes(request.query.get("api-version") ?? "")) {
    return failure(400, "No api-version was supplied for the request, or the version is not supported.", "VssVersionOutOfRangeException");
  }
  const inProject = (method: string, suffix: string) => {
    const match = route(request, method, new RegExp(`^/([^/]+)/([^/]+)/_apis/${suffix}$`));
    return match && match[0] === organization && match[1] === project ? match.slice(2) : null;
  };
  const projectRead = route(request, "GET", /^\/([^/]+)\/_apis\/projects\/([^/]+)$/);
  if (projectRead) {
    if (projectRead[0] !== organization || projectRead[1] !== project) {
      return failure(404, `TF200016: The following project does not exist: ${projectRead[1]}.`, "ProjectDoesNotExistWithNameException");
    }
    return { status: 200, body: { id: "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c", name: project, state: "wellFormed" } };
  }
  if (inProject("POST", "wit/wiql")) {
    const match = WIQL.exec(String((request.json as { query?: unknown } | undefined)?.query ?? ""));
    if (!match) return failure(400, "TF51005: The query references a field or operator the fake does not understand.");
    const found = withLabels(context.issues, [match[1].replace(/''/g, "'")]);
    const top = Number(request.query.get("$top") ?? found.length);
    const workItems = found.slice(0, top).map((issue) => ({ id: Number(issue.key), url: `${context.baseUrl}/_apis/wit/workItems/${issue.key}` }));
    return { status: 200, body: { queryType: "flat", asOf: new Date().toISOString(), workItems } };
  }
  const created = inProject("POST", "wit/workitems/\\$([^/]+)");
  if (created) {
    if (!WORK_ITEM_TYPES.includes(created[0])) return failure(404, `VS402323: Work item type ${created[0]} does not exist.`);
    const fields = patchedFields(request);
    if (typeof fields === "string") return failure(400, fields);
    const { title, body = "", document, labels = [] } = edit(fields);
    if (!title) return failure(400, "TF401320: Rule Error for field Title. Error code: Required, HasValues, LimitedToValues.");
    return { status: 200, body: asJson(fileIssue(azureDevOps, context, { title, body, document, labels })) };
  }
  const updated = inProject("PATCH", "wit/workitems/(\\d+)");
  if (updated) {
    const issue = context.issues.find((candidate) => candidate.key === updated[0]);
    if (!issue) return failure(404, `TF401232: Work item ${updated[0]} does not exist, or you do not have permissions to read it.`);
    const fields = patchedFields(request);
    if (typeof fields === "string") return failure(400, fields);
    return { status: 200, body: asJson(editIssue(issue, edit(fields))) };
  }
  return failure(404, "The controller for the path was not found.");
}

const asJson = (issue: FakeIssue) => ({
  id: Number(issue.key),
  rev: 1,
  fields: { "System.Title": issue.title, "System.Tags": issue.labels.join("; ") },
  _links: { html: { href: issue.url } },
});

/** A personal access token goes as Basic auth with an empty user name, or with the user the credential names. */
const basic = (credential: string) =>
  `Basic ${Buffer.from(credential.includes(":") ? credential : `:${credential}`).toString("base64")}`;

const azureDevOps: TrackerSpec = {
  provider: "AZURE_DEVOPS",
  defaults: { credential: "fakeazuredevopspat0123456789abcdefghijklmnopqrstuvwx", projectKey: "acme/Web" },
  authorized: (request, { credential }) => request.headers.authorization === basic(credential),
  // Without X-TFS-FedAuthRedirect: Suppress, a refused call gets the sign-in page with 203, as a browser would.
  unauthorized: (request) =>
    request.headers["x-tfs-fedauthredirect"] === "Suppress"
      ? failure(401, "TF400813: The user is not authorized to access this resource.")
      : { status: 203, body: new PlainText("<html><title>Sign in to your account</title></html>") },
  errorBody: (status) =>
    failure(status, status === 429 ? "TF400733: The request was rate limited." : `Fake failure ${status}.`).body,
  handle,
  naming: (context, n) => ({ key: String(n), url: `${context.baseUrl}/${context.projectKey}/_workitems/edit/${n}` }),
  // Boards' "Import Work Items" reads the Tags column, split on ";".
  importKeeps: "label",
};

/**
 * Azure DevOps REST subset (api-version 6.0 to 7.1): project read, WIQL by tag, work item create and update by JSON
 * Patch (HTML description kept in `document`, its text in `body`); Basic auth with a personal access token.
 */
export function startFakeAzureDevOps(options?: FakeTrackerOptions): Promise<FakeTracker> {
  return startTracker(azureDevOps, options);
}
