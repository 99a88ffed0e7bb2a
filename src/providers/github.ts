import { markdownOf } from "../domain/render/markup/markdown.js";
import { apiClient, secretsOf } from "./api-client.js";
import { providerError } from "./errors.js";
import { restIssuesAdapter } from "./rest-issues.js";
import { itemsOf, ticketLabels, ticketRef, truncate } from "./tickets.js";
import type { AdapterFactory, TargetConnection } from "./types.js";

const SERVICE = "GitHub";
const DEFAULT_API = "https://api.github.com";
const MAX_LABEL = 50;
const MAX_TITLE = 256;

const SEARCH_PAGE = 20;

interface GitHubIssue {
  number?: number;
  html_url?: string;
  body?: string | null;
  pull_request?: unknown;
}

function repoOf(conn: TargetConnection): { owner: string; repo: string } {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(conn.projectKey.trim());
  if (!match) throw providerError("UNSUPPORTED", { service: SERVICE, said: "the project key must look like owner/repo" });
  return { owner: match[1], repo: match[2] };
}

function repoPath(conn: TargetConnection): string {
  const { owner, repo } = repoOf(conn);
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}

/** Issue search for the label as a phrase in bodies of the repository's issues. */
function bodySearch(conn: TargetConnection, label: string): string {
  const { owner, repo } = repoOf(conn);
  const q = `"${label.replace(/"/g, " ")}" in:body is:issue repo:${owner}/${repo}`;
  return `/search/issues?${new URLSearchParams({ q, per_page: String(SEARCH_PAGE) })}`;
}

const label = (name: string) => name.trim().slice(0, MAX_LABEL);

/**
 * GitHub Issues over REST (github.com, or GitHub Enterprise with an API base such as https://ghe.example/api/v3).
 * Labels are cut to GitHub's 50 characters. GitHub creates missing labels itself but silently drops them when the
 * token's user lacks push access, so the token needs write access to the repository. GitHub has no file importer: an
 * issue pasted from a Markdown file carries the label only if the person added it, and is otherwise found by issue
 * search for the label text in its body.
 */
export const createGitHubAdapter: AdapterFactory = (http, options = {}) =>
  restIssuesAdapter<GitHubIssue>({
    provider: "GITHUB",
    client: (conn) =>
      apiClient(http, {
        service: SERVICE,
        baseUrl: conn.baseUrl || DEFAULT_API,
        headers: {
          authorization: `Bearer ${conn.credential}`,
          accept: "application/vnd.github+json",
          "x-github-api-version": "2022-11-28",
        },
        secrets: secretsOf(conn.credential),
        now: options.now,
      }),
    projectPath: repoPath,
    labelQuery: (name) => ({ labels: label(name), state: "all", per_page: "100" }),
    // The issues listing includes pull requests; a pull request is never the exported ticket.
    pick: (issues) => issues.find((issue) => !issue.pull_request),
    textSearch: {
      path: bodySearch,
      issues: (answer) => itemsOf((answer as { items?: GitHubIssue[] } | undefined)?.items),
      body: (issue) => issue.body,
    },
    payload: (draft) => ({ title: truncate(draft.title, MAX_TITLE), body: markdownOf(draft.description), labels: ticketLabels(draft, label) }),
    refOf: (issue) => ticketRef(SERVICE, issue?.number, issue?.html_url),
    updateMethod: "PATCH",
  });
