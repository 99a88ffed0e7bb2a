import { ProviderError } from "./errors.js";

export interface RetryOptions {
  /** Extra attempts after the first. Default 2. */
  retries?: number;
  /** Backoff before the first retry, doubled each time. Default 200 ms. */
  baseMs?: number;
  /** Backoff ceiling. Default 2000 ms. */
  capMs?: number;
  /** Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Default: Math.random. */
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Only a TRANSIENT failure may go away by itself; every other kind needs a person or a clock. */
function isRetryable(error: unknown): boolean {
  return error instanceof ProviderError && error.kind === "TRANSIENT";
}

/**
 * Runs `attempt`, retrying TRANSIENT ProviderErrors with capped exponential backoff and full jitter
 * (a random wait in [0, min(capMs, baseMs * 2^n))). Defaults: retries 2, baseMs 200, capMs 2000, a real timer,
 * Math.random. Never retries REVOKED, UNSUPPORTED, RATE_LIMITED, UNSAFE_ENDPOINT or PERMANENT: the last error is
 * rethrown as is.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { retries = 2, baseMs = 200, capMs = 2000, sleep = realSleep, random = Math.random } = options;
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (retry >= retries || !isRetryable(error)) throw error;
      await sleep(random() * Math.min(capMs, baseMs * 2 ** retry));
    }
  }
}
