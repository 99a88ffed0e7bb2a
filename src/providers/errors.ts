import { retryAfterFrom, type ResponseHeaders } from "./rate-limit.js";

export type ProviderErrorKind = "REVOKED" | "UNSUPPORTED" | "RATE_LIMITED" | "TRANSIENT" | "UNSAFE_ENDPOINT" | "PERMANENT";

/**
 * A tracker call that failed, sorted by what the service should do about it. The message is safe to show and store:
 * it never holds the credential and quotes the provider at most in a short, sanitized excerpt.
 */
export class ProviderError extends Error {
  override name = "ProviderError";
  readonly status?: number;
  readonly retryAfter?: Date;

  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    details: { status?: number; retryAfter?: Date } = {},
  ) {
    super(message);
    this.status = details.status;
    this.retryAfter = details.retryAfter;
  }
}

const PHRASES: Record<ProviderErrorKind, string> = {
  REVOKED: "refused the credential",
  UNSUPPORTED: "has no such project or path, or the credential cannot see it",
  RATE_LIMITED: "is rate limiting requests",
  TRANSIENT: "failed temporarily",
  UNSAFE_ENDPOINT: "is not a safe endpoint",
  PERMANENT: "rejected the request",
};

const EXCERPT_LIMIT = 160;

/** What a failed response said, reduced to one short line of printable text. */
export function excerpt(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").replace(/\s+/g, " ").trim();
  return line.length > EXCERPT_LIMIT ? `${line.slice(0, EXCERPT_LIMIT - 1)}…` : line;
}

/** Builds the error with the sentence every adapter uses, e.g. "GitHub refused the credential (HTTP 401): Bad credentials." */
export function providerError(
  kind: ProviderErrorKind,
  context: { service: string; status?: number; said?: string; retryAfter?: Date },
): ProviderError {
  const status = context.status === undefined ? "" : ` (HTTP ${context.status})`;
  // Trailing periods dropped: the sentence ends with its own.
  const said = context.said ? `: ${excerpt(context.said).replace(/\.+$/, "")}` : "";
  const retry = context.retryAfter ? `; retry after ${context.retryAfter.toISOString()}` : "";
  return new ProviderError(kind, `${context.service} ${PHRASES[kind]}${status}${said}${retry}.`, {
    status: context.status,
    retryAfter: context.retryAfter,
  });
}

// error_description before error: in OAuth-style bodies (YouTrack's) "error" is a code and the description the sentence.
// err: ClickUp's.
const MESSAGE_KEYS = ["message", "errorMessages", "errors", "error_description", "error", "err"];

/**
 * The provider's own error sentence out of a JSON body (GitHub, GitLab, Jira, GraphQL, Azure DevOps, Bitbucket,
 * YouTrack, Asana, ClickUp and Trello shapes), if any.
 */
export function providerMessage(body: string): string | undefined {
  try {
    return firstMessage(JSON.parse(body), 0);
  } catch {
    // Not JSON (an HTML error page, a proxy's text): nothing worth quoting.
    return undefined;
  }
}

function firstMessage(value: unknown, depth: number): string | undefined {
  if (depth > 3 || value === null || value === undefined) return undefined;
  if (typeof value === "string") return value || undefined;
  if (Array.isArray(value)) return firstMessage(value[0], depth + 1);
  if (typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  for (const key of MESSAGE_KEYS) {
    const found = firstMessage(record[key], depth + 1);
    if (found) return found;
  }
  // A field map such as Jira's {"errors": {"summary": "..."}} or GitLab's {"message": {"title": [...]}}.
  const [field, first] = Object.entries(record)[0] ?? [];
  const found = firstMessage(first, depth + 1);
  return field && found ? `${field}: ${found}` : undefined;
}

function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** GitHub (and GitLab) answer 403 rather than 429 when a primary or secondary rate limit is hit. */
function isRateLimitedForbidden(headers: ResponseHeaders, body: string): boolean {
  return (
    header(headers, "x-ratelimit-remaining") === "0" ||
    header(headers, "retry-after") !== undefined ||
    /rate limit/i.test(providerMessage(body) ?? "")
  );
}

function kindOf(status: number, headers: ResponseHeaders, body: string): ProviderErrorKind {
  if (status === 401) return "REVOKED";
  if (status === 403) return isRateLimitedForbidden(headers, body) ? "RATE_LIMITED" : "REVOKED";
  // 410: GitHub's answer when issues are disabled on the repository.
  if (status === 404 || status === 410) return "UNSUPPORTED";
  if (status === 429) return "RATE_LIMITED";
  return status >= 500 ? "TRANSIENT" : "PERMANENT";
}

/**
 * Sorts a tracker's HTTP answer: null below 400; 401/403 REVOKED (a 403 that is a GitHub primary or secondary rate
 * limit is RATE_LIMITED); 404/410 UNSUPPORTED; 429 RATE_LIMITED with `retryAfter` from Retry-After (seconds or
 * HTTP-date) or the provider's reset header (default now + 60 s); 5xx TRANSIENT; any other 4xx PERMANENT.
 * `body`, when given, is quoted in a short excerpt: pass it already scrubbed of secrets. `service` defaults to
 * "The tracker".
 */
export function classifyResponse(
  status: number,
  headers: ResponseHeaders,
  now: Date,
  details: { body?: string; service?: string } = {},
): ProviderError | null {
  if (status < 400) return null;
  const body = details.body ?? "";
  const kind = kindOf(status, headers, body);
  return providerError(kind, {
    service: details.service ?? "The tracker",
    status,
    said: providerMessage(body),
    retryAfter: kind === "RATE_LIMITED" ? retryAfterFrom(headers, now) : undefined,
  });
}
