import { apiClient, type Classifier } from "./api-client.js";
import { basicAuth } from "./credentials.js";
import { classifyResponse, providerError } from "./errors.js";
import { htmlOf } from "../domain/render/markup/html.js";
import { ticketLabels, ticketRef, titleLine } from "./tickets.js";
import type { AdapterFactory, TargetConnection, TicketDraft } from "./types.js";

const SERVICE = "Azure DevOps";
const DEFAULT_BASE = "https://dev.azure.com";
// 6.0 is the newest version Azure DevOps Server 2020 speaks; Azure DevOps Services and Server 2022 accept it too.
const API_VERSION = "6.0";
const MAX_TITLE = 255;
// Task is the one work item type every process template has (Basic, Agile, Scrum, CMMI); Bug is missing in Basic.
const WORK_ITEM_TYPE = "Task";
const JSON_PATCH = "application/json-patch+json";

interface WorkItem {
  id?: number;
}

/**
 * "org/project" below https://dev.azure.com (or "collection/project" below a Server URL such as
 * https://tfs.example.com/tfs); a bare "project" when the base URL already names the organization
 * (https://acme.visualstudio.com, https://dev.azure.com/acme).
 */
function projectPath(conn: TargetConnection): { scope: string; name: string; project: string } {
  const parts = conn.projectKey.trim().split("/");
  if (parts.length > 2 || parts.some((part) => part.trim() === "")) {
    throw providerError("UNSUPPORTED", { service: SERVICE, said: "the project key must look like organization/project" });
  }
  const encoded = parts.map((part) => encodeURIComponent(part.trim()));
  const scope = encoded.length === 2 ? `/${encoded[0]}` : "";
  const name = encoded[encoded.length - 1];
  return { scope, name, project: `${scope}/${name}` };
}

/** Tags travel as one ";"-separated string, and Azure DevOps splits on "," too. */
const tag = (name: string) => name.replace(/[;,]/g, " ").replace(/\s+/g, " ").trim();

/** A WIQL string literal. */
const wiqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * An unauthenticated call is answered 203 with a sign-in page when the client looks like a browser; X-TFS-FedAuthRedirect
 * asks for a 401 instead, and a 203 that still comes is read the same way.
 */
const classifyAzure: Classifier = (status, headers, body, now) =>
  status === 203
    ? providerError("REVOKED", { service: SERVICE, status, said: "the answer is a sign-in page" })
    : classifyResponse(status, headers, now, { body, service: SERVICE });

function patch(draft: TicketDraft) {
  const field = (name: string, value: string) => ({ op: "add", path: `/fields/${name}`, value });
  return [
    field("System.Title", titleLine(draft, MAX_TITLE)),
    field("System.Description", htmlOf(draft.description)),
    field("System.Tags", ticketLabels(draft, tag).join("; ")),
  ];
}

/**
 * Azure Boards work items over REST (api-version 6.0): Azure DevOps Services (https://dev.azure.com) or Server.
 * The credential is a personal access token (sent as Basic auth with an empty user name, as Azure DevOps documents),
 * or "user:token". Work items are Tasks; the description is the body compiled to HTML; labels are tags, and a ticket
 * is found by its fingerprint tag through WIQL.
 */
export const createAzureDevOpsAdapter: AdapterFactory = (http, options = {}) => {
  const client = (conn: TargetConnection) => {
    const auth = basicAuth(conn.credential.includes(":") ? conn.credential : `:${conn.credential}`, conn.credential);
    return apiClient(http, {
      service: SERVICE,
      baseUrl: conn.baseUrl || DEFAULT_BASE,
      headers: { ...auth.headers, "x-tfs-fedauthredirect": "Suppress" },
      secrets: auth.secrets,
      classify: classifyAzure,
      now: options.now,
    });
  };
  const version = `api-version=${API_VERSION}`;
  const refOf = (conn: TargetConnection, item: WorkItem | undefined) => {
    const base = (conn.baseUrl || DEFAULT_BASE).replace(/\/+$/, "");
    const url = item?.id === undefined ? undefined : `${base}${projectPath(conn).project}/_workitems/edit/${item.id}`;
    return ticketRef(SERVICE, item?.id, url);
  };

  return {
    provider: "AZURE_DEVOPS",
    async check(conn) {
      const { scope, name } = projectPath(conn);
      await client(conn).call("GET", `${scope}/_apis/projects/${name}?${version}`);
    },
    async findByLabel(conn, label) {
      const query =
        `SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project` +
        ` AND [System.Tags] CONTAINS ${wiqlString(tag(label))} ORDER BY [System.Id]`;
      const found = await client(conn).call<{ workItems?: WorkItem[] }>(
        "POST",
        `${projectPath(conn).project}/_apis/wit/wiql?$top=1&${version}`,
        { query },
      );
      const item = found?.workItems?.[0];
      return item ? refOf(conn, item) : null;
    },
    async create(conn, draft) {
      const path = `${projectPath(conn).project}/_apis/wit/workitems/$${WORK_ITEM_TYPE}?${version}`;
      return refOf(conn, await client(conn).call<WorkItem>("POST", path, patch(draft), { contentType: JSON_PATCH }));
    },
    async update(conn, key, draft) {
      const path = `${projectPath(conn).project}/_apis/wit/workitems/${encodeURIComponent(key)}?${version}`;
      return refOf(conn, await client(conn).call<WorkItem>("PATCH", path, patch(draft), { contentType: JSON_PATCH }));
    },
  };
};
