export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** Without any hint from the provider, wait this long before the target is tried again. */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 60_000;

// Reset values below this are durations in seconds, not epoch seconds (which passed 1e9 in 2001).
const EPOCH_SECONDS_FLOOR = 1e9;

function first(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

function isNumber(value: string): boolean {
  return /^\d+(\.\d+)?$/.test(value);
}

function dateOf(value: string | undefined, numeric: (n: number) => number): number | undefined {
  if (value === undefined) return undefined;
  if (isNumber(value)) return numeric(Number(value));
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Trello names no reset time, only the length of its windows: the longest of them is a safe wait. */
function trelloWindowEnd(headers: ResponseHeaders, at: number): number | undefined {
  const windows = ["x-rate-limit-api-token-interval-ms", "x-rate-limit-api-key-interval-ms"]
    .map((name) => first(headers, name))
    .filter((value): value is string => value !== undefined && isNumber(value))
    .map(Number);
  return windows.length > 0 ? at + Math.max(...windows) : undefined;
}

/**
 * When a rate-limited caller may try again, from the first header that says so: Retry-After (delay seconds or
 * HTTP-date; Asana, Azure DevOps, YouTrack), Linear's x-ratelimit-requests-reset (epoch milliseconds), GitHub's,
 * ClickUp's and Azure DevOps' x-ratelimit-reset or GitLab's ratelimit-reset (epoch seconds; Jira sends an ISO date
 * there, small numbers are read as a delay in seconds), Trello's window lengths (x-rate-limit-api-token-interval-ms,
 * x-rate-limit-api-key-interval-ms: the longer one from now). Default: now + 60 s. Never earlier than `now`.
 */
export function retryAfterFrom(headers: ResponseHeaders, now: Date): Date {
  const at = now.getTime();
  const epochOrDelay = (n: number) => (n < EPOCH_SECONDS_FLOOR ? at + n * 1000 : n * 1000);
  const resetAt =
    dateOf(first(headers, "retry-after"), (seconds) => at + seconds * 1000) ??
    dateOf(first(headers, "x-ratelimit-requests-reset"), (ms) => ms) ??
    dateOf(first(headers, "x-ratelimit-reset"), epochOrDelay) ??
    dateOf(first(headers, "ratelimit-reset"), epochOrDelay) ??
    trelloWindowEnd(headers, at) ??
    at + DEFAULT_RATE_LIMIT_PAUSE_MS;
  return new Date(Math.max(resetAt, at));
}
