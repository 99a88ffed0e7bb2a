import type { Provider } from "../domain/vocabulary.js";
import type { ApiClient } from "./api-client.js";
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
  payload: (draft: TicketDraft) => unknown;
  /** The ticket an answer names; an answer without one (an empty body) must throw a ProviderError, not a TypeError. */
  refOf: (issue: Issue | undefined) => ProviderTicketRef;
  updateMethod: "PATCH" | "PUT";
}

/** An adapter for a tracker with the usual REST issue routes: read project, list by label, create, edit. */
export function restIssuesAdapter<Issue>(spec: RestIssuesSpec<Issue>): ProviderAdapter {
  const issues = (conn: TargetConnection) => `${spec.projectPath(conn)}/issues`;
  return {
    provider: spec.provider,
    async check(conn) {
      await spec.client(conn).call("GET", spec.projectPath(conn));
    },
    async findByLabel(conn, label) {
      const query = new URLSearchParams(spec.labelQuery(label));
      const listed = await spec.client(conn).call<Issue[]>("GET", `${issues(conn)}?${query}`);
      const issue = spec.pick(Array.isArray(listed) ? listed : []);
      return issue ? spec.refOf(issue) : null;
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
