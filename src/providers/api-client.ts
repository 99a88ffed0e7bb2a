import { SafeHttpError, type SafeHttp } from "../net/safe-http.js";
import { classifyResponse, providerError, ProviderError } from "./errors.js";
import type { ResponseHeaders } from "./rate-limit.js";

/** Decides whether an answer is a failure; `body` is already scrubbed of secrets. */
export type Classifier = (status: number, headers: ResponseHeaders, body: string, now: Date) => ProviderError | null;

export interface ApiClientOptions {
  /** The provider's name as people know it, e.g. "GitHub": it starts every error message. */
  service: string;
  /** Joined with each call's path; a trailing slash is ignored. */
  baseUrl: string;
  /** Auth and content negotiation, sent on every call. */
  headers: Record<string, string>;
  /** Strings that must never reach an error message (the credential and what it is made of). */
  secrets: readonly string[];
  /** Default: the HTTP status rules of classifyResponse. */
  classify?: Classifier;
  /** Default: the wall clock. */
  now?: () => Date;
}

export interface CallOptions {
  /** Default "application/json"; Azure DevOps takes work item edits as "application/json-patch+json". */
  contentType?: string;
}

export interface ApiClient {
  /** Sends JSON, returns the parsed JSON answer (undefined for an empty one); throws ProviderError. */
  call<T>(method: string, path: string, body?: unknown, options?: CallOptions): Promise<T>;
}

const USER_AGENT = "ticket-exports/0.1 (+provider-native export)";

/** Replaces every secret in `text` with a placeholder. */
export function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((result, secret) => (secret ? result.split(secret).join("[redacted]") : result), text);
}

/** The credential plus its parts long enough to be secrets themselves (a Jira API token after "email:"). */
export function secretsOf(credential: string, ...derived: string[]): string[] {
  const parts = credential.split(":").filter((part) => part.length >= 8);
  return [...new Set([credential, ...parts, ...derived])].filter(Boolean);
}

/**
 * A JSON client for one provider connection over the safe HTTP client. Maps transport failures (timeouts, refused
 * addresses, oversized answers) and provider failures to ProviderError, with the secrets scrubbed from messages.
 */
export function apiClient(http: SafeHttp, options: ApiClientOptions): ApiClient {
  const { service, secrets, classify = defaultClassifier(service), now = () => new Date() } = options;
  const base = options.baseUrl.replace(/\/+$/, "");
  const fail = (error: ProviderError) =>
    new ProviderError(error.kind, scrub(error.message, secrets), { status: error.status, retryAfter: error.retryAfter });

  return {
    async call<T>(method: string, path: string, body?: unknown, callOptions: CallOptions = {}): Promise<T> {
      const headers: Record<string, string> = { accept: "application/json", "user-agent": USER_AGENT, ...options.headers };
      if (body !== undefined) headers["content-type"] = callOptions.contentType ?? "application/json";
      let response;
      try {
        response = await http(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      } catch (error) {
        if (error instanceof SafeHttpError) throw fail(providerError(error.kind, { service, said: error.message }));
        throw error;
      }
      const failure = classify(response.status, response.headers, scrub(response.body, secrets), now());
      if (failure) throw fail(failure);
      if (response.body.trim() === "") return undefined as T;
      try {
        return JSON.parse(response.body) as T;
      } catch {
        throw providerError("PERMANENT", { service, status: response.status, said: "the answer is not JSON" });
      }
    },
  };
}

function defaultClassifier(service: string): Classifier {
  return (status, headers, body, now) => classifyResponse(status, headers, now, { body, service });
}
