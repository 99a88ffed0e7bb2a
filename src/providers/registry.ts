import type { Provider } from "../domain/vocabulary.js";
import type { SafeHttp } from "../net/safe-http.js";
import { createAsanaAdapter } from "./asana.js";
import { createAzureDevOpsAdapter } from "./azure-devops.js";
import { createBitbucketAdapter } from "./bitbucket.js";
import { createClickUpAdapter } from "./clickup.js";
import { createGitHubAdapter } from "./github.js";
import { createGitLabAdapter } from "./gitlab.js";
import { createJiraAdapter } from "./jira.js";
import { createLinearAdapter } from "./linear.js";
import { createTrelloAdapter } from "./trello.js";
import { createYouTrackAdapter } from "./youtrack.js";
import { withRetries, type RetryOptions } from "./retry.js";
import type { AdapterFactory, AdapterOptions, ProviderAdapter } from "./types.js";

/** Every provider but OTHER, which names no tracker to speak to. */
const FACTORIES: Readonly<Record<Exclude<Provider, "OTHER">, AdapterFactory>> = {
  JIRA: createJiraAdapter,
  GITHUB: createGitHubAdapter,
  GITLAB: createGitLabAdapter,
  BITBUCKET: createBitbucketAdapter,
  TRELLO: createTrelloAdapter,
  LINEAR: createLinearAdapter,
  AZURE_DEVOPS: createAzureDevOpsAdapter,
  YOUTRACK: createYouTrackAdapter,
  ASANA: createAsanaAdapter,
  CLICKUP: createClickUpAdapter,
};

/** Providers the service can export to natively; OTHER gets a portable file. */
export const NATIVE_PROVIDERS: readonly Provider[] = Object.freeze(Object.keys(FACTORIES) as Provider[]);

export interface AdapterForOptions extends AdapterOptions {
  /** Retries of TRANSIENT failures; see withRetries for the defaults. */
  retry?: RetryOptions;
}

/**
 * Each call retried on TRANSIENT failures. A retried create first looks the ticket up by its fingerprint label,
 * because a timeout or a 5xx may have come after the tracker created it.
 */
function retrying(adapter: ProviderAdapter, retry: RetryOptions | undefined): ProviderAdapter {
  const again = <T>(attempt: () => Promise<T>) => withRetries(attempt, retry);
  return {
    provider: adapter.provider,
    check: (conn) => again(() => adapter.check(conn)),
    findByLabel: (conn, label) => again(() => adapter.findByLabel(conn, label)),
    create: (conn, draft) => {
      let attempted = false;
      return again(async () => {
        const earlier = attempted ? await adapter.findByLabel(conn, draft.fingerprintLabel) : null;
        attempted = true;
        return earlier ?? adapter.create(conn, draft);
      });
    },
    update: (conn, key, draft) => again(() => adapter.update(conn, key, draft)),
  };
}

/**
 * The adapter for `provider`, talking only through `http` (build it with createSafeHttp and the deployment's endpoint
 * policy), with TRANSIENT failures retried per `options.retry`; null for a provider without a native adapter.
 * Adapters throw only ProviderError for tracker and transport failures.
 */
export function adapterFor(provider: Provider, http: SafeHttp, options: AdapterForOptions = {}): ProviderAdapter | null {
  const factory = provider === "OTHER" ? undefined : FACTORIES[provider];
  return factory ? retrying(factory(http, { now: options.now }), options.retry) : null;
}
