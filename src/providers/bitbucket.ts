import { markdownOf } from "../domain/render/markup/markdown.js";
import { apiClient } from "./api-client.js";
import { basicOrBearer } from "./credentials.js";
import { providerError } from "./errors.js";
import { carriesLabel, describedWithLabel, findInPages, itemsOf, ticketRef, titleLine } from "./tickets.js";
import type { AdapterFactory, TargetConnection, TicketDraft } from "./types.js";

const SERVICE = "Bitbucket";
const DEFAULT_API = "https://api.bitbucket.org/2.0";
const MAX_TITLE = 255;
const PAGE_LENGTH = 50;

interface BitbucketIssue {
  id?: number;
  links?: { html?: { href?: string } };
  content?: { raw?: string | null };
}

interface Listing<T> {
  values?: T[];
  next?: string;
}

/** Accepts https://api.bitbucket.org with or without the /2.0 suffix. */
const apiBase = (conn: TargetConnection) => `${(conn.baseUrl || DEFAULT_API).replace(/\/+$/, "").replace(/\/2\.0$/, "")}/2.0`;

function repoPath(conn: TargetConnection): string {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(conn.projectKey.trim());
  if (!match) throw providerError("UNSUPPORTED", { service: SERVICE, said: "the project key must look like workspace/repo_slug" });
  return `/repositories/${encodeURIComponent(match[1])}/${encodeURIComponent(match[2])}`;
}

/** A BBQL string literal. */
const bbqlString = (value: string) => `"${value.replace(/["\\]/g, "\\$&")}"`;

const refOf = (issue: BitbucketIssue | undefined) => ticketRef(SERVICE, issue?.id, issue?.links?.html?.href);

/** Bitbucket issues have no labels: the draft's labels are already listed in its body, and the fingerprint is kept there. */
const payload = (draft: TicketDraft) => ({
  title: titleLine(draft, MAX_TITLE),
  content: { raw: markdownOf(describedWithLabel(draft)), markup: "markdown" },
});

/**
 * Bitbucket Cloud issues over REST 2.0. The project key is "workspace/repo_slug" of a repository with its issue
 * tracker enabled. The credential is "user:app-password" or "email:api-token" (Basic auth), or a repository,
 * project or workspace access token (Bearer). Issues have no labels, so the fingerprint label stays in the
 * description and a ticket is found with BBQL `content.raw ~ "label"`, every match checked for the whole label.
 */
export const createBitbucketAdapter: AdapterFactory = (http, options = {}) => {
  const client = (conn: TargetConnection) =>
    apiClient(http, { service: SERVICE, baseUrl: apiBase(conn), ...basicOrBearer(conn.credential), now: options.now });
  const issues = (conn: TargetConnection) => `${repoPath(conn)}/issues`;

  return {
    provider: "BITBUCKET",
    async check(conn) {
      const repo = await client(conn).call<{ has_issues?: boolean }>("GET", `${repoPath(conn)}?fields=full_name,has_issues`);
      if (repo?.has_issues === false) {
        throw providerError("UNSUPPORTED", { service: SERVICE, said: "the repository has no issue tracker; enable it in its settings" });
      }
    },
    async findByLabel(conn, label) {
      const query = new URLSearchParams({
        q: `content.raw ~ ${bbqlString(label)}`,
        sort: "id",
        pagelen: String(PAGE_LENGTH),
        fields: "next,values.id,values.links.html.href,values.content.raw",
      });
      const found = await findInPages(
        1,
        async (page) => {
          const answer = await client(conn).call<Listing<BitbucketIssue>>("GET", `${issues(conn)}?${query}&page=${page}`);
          return { items: itemsOf(answer?.values), next: answer?.next ? page + 1 : undefined };
        },
        (issue) => carriesLabel(issue.content?.raw, label),
      );
      return found ? refOf(found) : null;
    },
    async create(conn, draft) {
      const kind = draft.issueType === "Bug" ? "bug" : "task";
      return refOf(await client(conn).call<BitbucketIssue>("POST", issues(conn), { ...payload(draft), kind }));
    },
    async update(conn, key, draft) {
      return refOf(await client(conn).call<BitbucketIssue>("PUT", `${issues(conn)}/${encodeURIComponent(key)}`, payload(draft)));
    },
  };
};
