import { DEFAULT_FAILURE_THRESHOLD } from "./fallback-decision.js";
import type { ProviderTargetState } from "./vocabulary.js";

export interface TargetHealth {
  state: ProviderTargetState;
  retryAfter: Date | null;
  consecutiveFailures: number;
  lastError: string | null;
}

/** How a call to a tracker ended, as far as the target's health is concerned. */
export type CallOutcome =
  | { ok: true }
  | {
      ok: false;
      kind: "REVOKED" | "UNSUPPORTED" | "RATE_LIMITED" | "TRANSIENT" | "UNSAFE_ENDPOINT" | "PERMANENT";
      message: string;
      retryAfter?: Date;
    };

/**
 * The target's health after a call. A success resets the failure count and brings a rate-limited or failing target
 * back to ACTIVE. 401/403 -> REVOKED, a missing project -> UNSUPPORTED, 429 -> RATE_LIMITED until `retryAfter`
 * (a minute when the provider named no time), an unsafe address -> UNSAFE_ENDPOINT. Anything else counts a failure;
 * at `failureThreshold` (default 3) consecutive failures the target is FAILING.
 */
export function afterCall(
  current: Pick<TargetHealth, "consecutiveFailures">,
  outcome: CallOutcome,
  now: Date,
  failureThreshold = DEFAULT_FAILURE_THRESHOLD,
): TargetHealth {
  if (outcome.ok) return { state: "ACTIVE", retryAfter: null, consecutiveFailures: 0, lastError: null };
  const failed = { retryAfter: null, consecutiveFailures: current.consecutiveFailures, lastError: outcome.message };
  switch (outcome.kind) {
    case "REVOKED":
      return { ...failed, state: "REVOKED" };
    case "UNSUPPORTED":
      return { ...failed, state: "UNSUPPORTED" };
    case "UNSAFE_ENDPOINT":
      return { ...failed, state: "UNSAFE_ENDPOINT" };
    case "RATE_LIMITED":
      return { ...failed, state: "RATE_LIMITED", retryAfter: outcome.retryAfter ?? new Date(now.getTime() + 60_000) };
    default: {
      const consecutiveFailures = current.consecutiveFailures + 1;
      return { ...failed, consecutiveFailures, state: consecutiveFailures >= failureThreshold ? "FAILING" : "ACTIVE" };
    }
  }
}
