import { markdownOf } from "../domain/render/markup/markdown.js";
import { apiClient, secretsOf } from "./api-client.js";
import { restIssuesAdapter } from "./rest-issues.js";
import { ticketLabels, ticketRef, truncate } from "./tickets.js";
import type { AdapterFactory, TargetConnection } from "./types.js";

const SERVICE = "GitLab";
const DEFAULT_BASE = "https://gitlab.com";
const MAX_TITLE = 255;

const SEARCH_PAGE = 20;

interface GitLabIssue {
  iid?: number;
  web_url?: string;
  description?: string | null;
}

/** Accepts the instance URL with or without the /api/v4 suffix. */
function apiBase(conn: TargetConnection): string {
  return `${(conn.baseUrl || DEFAULT_BASE).replace(/\/+$/, "").replace(/\/api\/v4$/, "")}/api/v4`;
}

// GitLab takes labels as one comma-separated string, so a comma inside a label would split it.
const label = (name: string) => name.replace(/,/g, " ").replace(/\s+/g, " ").trim();

/**
 * GitLab Issues over REST v4 (gitlab.com or self-managed); the project key is a numeric id or "group/project". A
 * ticket is found by its label, or else (an imported issue whose label quick action did not run) by the label text in
 * its description.
 */
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
    textSearch: {
      path: (_conn, label, issues) =>
        `${issues}?${new URLSearchParams({
          search: label,
          in: "description",
          scope: "all",
          state: "all",
          per_page: String(SEARCH_PAGE),
        })}`,
      issues: (answer) => (Array.isArray(answer) ? (answer as GitLabIssue[]) : []),
      body: (issue) => issue.description,
    },
    payload: (draft) => ({
      title: truncate(draft.title, MAX_TITLE),
      description: markdownOf(draft.description),
      labels: ticketLabels(draft, label).join(","),
    }),
    refOf: (issue) => ticketRef(SERVICE, issue?.iid, issue?.web_url),
    updateMethod: "PUT",
  });
