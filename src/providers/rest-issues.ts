import type { Provider } from "../domain/vocabulary.js";
import type { ApiClient } from "./api-client.js";
import { carriesLabel } from "./tickets.js";
import type { ProviderAdapter, ProviderTicketRef, TargetConnection, TicketDraft } from "./types.js";

/** What differs between REST trackers that keep issues under `{project}/issues` (GitHub, GitLab). */
export interface RestIssuesSpec<Issue> {
  provider: Provider;
  client: (conn: TargetConnection) => ApiClient;
  /** The project's path below the API base; throws for a project key the provider cannot address. */
  projectPath: (conn: TargetConnection) => string;
  /** Query of the issue listing that filters by one label. */
  labelQuery: (label: string) => Record<string, string>;
  /** The exported ticket among the listed issues, if any. */
  pick: (issues: Issue[]) => Issue | undefined;
  /**
   * A search of issue bodies for the label text, for a ticket pasted from a Markdown file without the label: the path
   * of the search (given the path of the project's issues), the issues out of its answer, and an issue's body.
   */
  textSearch: {
    path: (conn: TargetConnection, label: string, issues: string) => string;
    issues: (answer: unknown) => Issue[];
    body: (issue: Issue) => string | null | undefined;
  };
  payload: (draft: TicketDraft) => unknown;
  /** The ticket an answer names; an answer without one (an empty body) must throw a ProviderError, not a TypeError. */
  refOf: (issue: Issue | undefined) => ProviderTicketRef;
  updateMethod: "PATCH" | "PUT";
}

/**
 * An adapter for a tracker with the usual REST issue routes: read project, list by label, create, edit. A ticket is
 * found by its label, or else by the label text in its body; search answers are fuzzy, so each is checked for the
 * whole label.
 */
export function restIssuesAdapter<Issue>(spec: RestIssuesSpec<Issue>): ProviderAdapter {
  const issues = (conn: TargetConnection) => `${spec.projectPath(conn)}/issues`;
  return {
    provider: spec.provider,
    async check(conn) {
      await spec.client(conn).call("GET", spec.projectPath(conn));
    },
    async findByLabel(conn, label) {
      const api = spec.client(conn);
      const query = new URLSearchParams(spec.labelQuery(label));
      const listed = await api.call<Issue[]>("GET", `${issues(conn)}?${query}`);
      const labelled = spec.pick(Array.isArray(listed) ? listed : []);
      if (labelled) return spec.refOf(labelled);
      const { path, issues: found, body } = spec.textSearch;
      const pasted = spec.pick(found(await api.call<unknown>("GET", path(conn, label, issues(conn)))).filter((issue) => carriesLabel(body(issue), label)));
      return pasted ? spec.refOf(pasted) : null;
    },
    async create(conn, draft) {
      return spec.refOf(await spec.client(conn).call<Issue>("POST", issues(conn), spec.payload(draft)));
    },
    async update(conn, key, draft) {
      const path = `${issues(conn)}/${encodeURIComponent(key)}`;
      return spec.refOf(await spec.client(conn).call<Issue>(spec.updateMethod, path, spec.payload(draft)));
    },
  };
}
