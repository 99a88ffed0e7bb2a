import { adfOf } from "../domain/render/markup/adf.js";
import { apiClient, secretsOf } from "./api-client.js";
import { ticketLabels, ticketRef, truncate } from "./tickets.js";
import type { AdapterFactory, TargetConnection, TicketDraft } from "./types.js";

const SERVICE = "Jira";
const MAX_SUMMARY = 255;
const MAX_LABEL = 255;
const DEFAULT_ISSUE_TYPE = "Task";

/**
 * "email:api-token" is a Jira Cloud API token and goes as Basic auth; anything without a colon is taken as a bearer
 * token (a Data Center personal access token or an OAuth access token).
 */
function authorization(credential: string): { header: string; encoded?: string } {
  if (!credential.includes(":")) return { header: `Bearer ${credential}` };
  const encoded = Buffer.from(credential).toString("base64");
  return { header: `Basic ${encoded}`, encoded };
}

// Jira labels cannot contain spaces.
const label = (name: string) => name.trim().replace(/\s+/g, "-").slice(0, MAX_LABEL);

/** A JQL string literal. */
const jqlString = (value: string) => `"${value.replace(/["\\]/g, "\\$&")}"`;

function fields(draft: TicketDraft) {
  return {
    summary: truncate(draft.title.replace(/[\r\n]+/g, " "), MAX_SUMMARY),
    description: adfOf(draft.description),
    labels: ticketLabels(draft, label),
  };
}

/** Jira Cloud REST v3: the project key is a Jira project key such as "SEC"; tickets are found with enhanced JQL search. */
export const createJiraAdapter: AdapterFactory = (http, options = {}) => {
  const client = (conn: TargetConnection) => {
    const auth = authorization(conn.credential);
    return apiClient(http, {
      service: SERVICE,
      baseUrl: conn.baseUrl,
      headers: { authorization: auth.header },
      secrets: secretsOf(conn.credential, ...(auth.encoded ? [auth.encoded] : [])),
      now: options.now,
    });
  };
  const browse = (conn: TargetConnection, key: string) => `${conn.baseUrl.replace(/\/+$/, "")}/browse/${key}`;
  const refOf = (conn: TargetConnection, answer: { key?: string } | undefined) =>
    ticketRef(SERVICE, answer?.key, answer?.key ? browse(conn, answer.key) : undefined);
  const projectKey = (conn: TargetConnection) => conn.projectKey.trim();

  return {
    provider: "JIRA",
    async check(conn) {
      await client(conn).call("GET", `/rest/api/3/project/${encodeURIComponent(projectKey(conn))}`);
    },
    async findByLabel(conn, name) {
      const jql = `project = ${jqlString(projectKey(conn))} AND labels = ${jqlString(label(name))}`;
      const found = await client(conn).call<{ issues?: { key?: string }[] }>("POST", "/rest/api/3/search/jql", {
        jql,
        fields: ["summary"],
        maxResults: 1,
      });
      const issue = found?.issues?.[0];
      return issue ? refOf(conn, issue) : null;
    },
    async create(conn, draft) {
      const body = {
        fields: {
          project: { key: projectKey(conn) },
          issuetype: { name: draft.issueType ?? DEFAULT_ISSUE_TYPE },
          ...fields(draft),
        },
      };
      return refOf(conn, await client(conn).call<{ key?: string }>("POST", "/rest/api/3/issue", body));
    },
    async update(conn, key, draft) {
      // Jira answers an edit with 204 and no body.
      await client(conn).call("PUT", `/rest/api/3/issue/${encodeURIComponent(key)}`, { fields: fields(draft) });
      return refOf(conn, { key });
    },
  };
};
