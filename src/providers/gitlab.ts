import { markdownOf } from "../domain/render/markup/markdown.js";
import { apiClient, secretsOf } from "./api-client.js";
import { restIssuesAdapter } from "./rest-issues.js";
import { ticketLabels, ticketRef, truncate } from "./tickets.js";
import type { AdapterFactory, TargetConnection } from "./types.js";

const SERVICE = "GitLab";
const DEFAULT_BASE = "https://gitlab.com";
const MAX_TITLE = 255;

interface GitLabIssue {
  iid?: number;
  web_url?: string;
}

/** Accepts the instance URL with or without the /api/v4 suffix. */
function apiBase(conn: TargetConnection): string {
  return `${(conn.baseUrl || DEFAULT_BASE).replace(/\/+$/, "").replace(/\/api\/v4$/, "")}/api/v4`;
}

// GitLab takes labels as one comma-separated string, so a comma inside a label would split it.
const label = (name: string) => name.replace(/,/g, " ").replace(/\s+/g, " ").trim();

/** GitLab Issues over REST v4 (gitlab.com or self-managed); the project key is a numeric id or "group/project". */
export const createGitLabAdapter: AdapterFactory = (http, options = {}) =>
  restIssuesAdapter<GitLabIssue>({
    provider: "GITLAB",
    client: (conn) =>
      apiClient(http, {
        service: SERVICE,
        baseUrl: apiBase(conn),
        headers: { "private-token": conn.credential },
        secrets: secretsOf(conn.credential),
        now: options.now,
      }),
    projectPath: (conn) => `/projects/${encodeURIComponent(conn.projectKey.trim())}`,
    labelQuery: (name) => ({ labels: label(name), scope: "all", state: "all", per_page: "1" }),
    pick: (issues) => issues[0],
    payload: (draft) => ({
      title: truncate(draft.title, MAX_TITLE),
      description: markdownOf(draft.description),
      labels: ticketLabels(draft, label).join(","),
    }),
    refOf: (issue) => ticketRef(SERVICE, issue?.iid, issue?.web_url),
    updateMethod: "PUT",
  });
