import type { Block } from "../domain/render/ticket-layout.js";
import type { Provider } from "../domain/vocabulary.js";
import type { SafeHttp } from "../net/safe-http.js";

/** Everything an adapter needs to reach one tracker destination. */
export interface TargetConnection {
  provider: Provider;
  /**
   * API base or instance URL: https://api.github.com, https://ghe.example/api/v3, https://gitlab.com,
   * https://acme.atlassian.net, https://api.linear.app, https://api.bitbucket.org, https://api.trello.com,
   * https://dev.azure.com, https://acme.youtrack.cloud, https://app.asana.com, https://api.clickup.com.
   */
  baseUrl: string;
  /**
   * GitHub "owner/repo"; GitLab numeric id or "group/project"; Jira project key; Linear team key or id; Bitbucket
   * "workspace/repo_slug"; Trello board id or short link (optionally "/listId"); Azure DevOps "organization/project";
   * YouTrack project short name; Asana project gid; ClickUp list id. docs/providers.md has the details.
   */
  projectKey: string;
  /** Sent in the provider's auth header and nowhere else (Trello: "apiKey:token"; Bitbucket, Jira: "user:secret" or a token). */
  credential: string;
}

export interface TicketDraft {
  title: string;
  /** The description, built by the caller, with the source ids and the fingerprint; each adapter writes it in its tracker's markup. */
  description: Block[];
  labels: string[];
  /** Always added to the ticket's labels, so a later export can find the ticket again. */
  fingerprintLabel: string;
  /** Jira issue type name. Default "Task". Bitbucket files "Bug" as kind bug, anything else as task; others ignore it. */
  issueType?: string;
}

export interface ProviderTicketRef {
  /**
   * What `update` takes: GitHub issue number, GitLab iid, Jira key, Linear identifier, Bitbucket issue id, Trello card
   * id, Azure DevOps work item id, YouTrack readable id, Asana task gid, ClickUp task id.
   */
  key: string;
  url: string;
}

export interface ProviderAdapter {
  readonly provider: Provider;
  /** A cheap authenticated read of the project, repository or team. */
  check(conn: TargetConnection): Promise<void>;
  /**
   * The ticket carrying `label` (a fingerprint label) where this tracker keeps it: as a label or tag, or as whole-word
   * text in its description (a ticket imported from a file or pasted); null when there is none.
   */
  findByLabel(conn: TargetConnection, label: string): Promise<ProviderTicketRef | null>;
  /** Always adds `draft.fingerprintLabel` to the labels (Bitbucket, without labels: to the body). */
  create(conn: TargetConnection, draft: TicketDraft): Promise<ProviderTicketRef>;
  /** Replaces title, body and labels; keeps `draft.fingerprintLabel` among them. */
  update(conn: TargetConnection, key: string, draft: TicketDraft): Promise<ProviderTicketRef>;
}

export interface AdapterOptions {
  /** Default: the wall clock. Decides `retryAfter` for delay-style rate limit headers. */
  now?: () => Date;
}

/** Builds a provider's adapter around the one safe HTTP client it may use. */
export type AdapterFactory = (http: SafeHttp, options?: AdapterOptions) => ProviderAdapter;
