import type { Block } from "../domain/render/ticket-layout.js";
import type { Provider } from "../domain/vocabulary.js";
import type { SafeHttp } from "../net/safe-http.js";

/** Everything an adapter needs to reach one tracker destination. */
export interface TargetConnection {
  provider: Provider;
  /** API base: https://api.github.com, https://ghe.example/api/v3, https://gitlab.com, https://acme.atlassian.net, https://api.linear.app. */
  baseUrl: string;
  /** GitHub "owner/repo"; GitLab numeric id or "group/project"; Jira project key; Linear team key or id. */
  projectKey: string;
  /** Sent in the provider's auth header and nowhere else. */
  credential: string;
}

export interface TicketDraft {
  title: string;
  /** The description, built by the caller, with the source ids and the fingerprint; each adapter writes it in its tracker's markup. */
  description: Block[];
  labels: string[];
  /** Always added to the ticket's labels, so a later export can find the ticket again. */
  fingerprintLabel: string;
  /** Jira issue type name. Default "Task". Other providers ignore it. */
  issueType?: string;
}

export interface ProviderTicketRef {
  /** What `update` takes: GitHub issue number, GitLab iid, Jira key, Linear identifier. */
  key: string;
  url: string;
}

export interface ProviderAdapter {
  readonly provider: Provider;
  /** A cheap authenticated read of the project, repository or team. */
  check(conn: TargetConnection): Promise<void>;
  findByLabel(conn: TargetConnection, label: string): Promise<ProviderTicketRef | null>;
  /** Always adds `draft.fingerprintLabel` to the labels. */
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
