import { supportsNativeExport } from "./native-support.js";
import { FallbackOutcome, FallbackReason, ProviderTargetState, SourceType, type Provider } from "./vocabulary.js";

/** What the decision needs to know about a provider target; targets never carry their credential here. */
export interface TargetSnapshot {
  id: string;
  name: string;
  provider: Provider;
  state: ProviderTargetState;
  retryAfter: Date | null;
  consecutiveFailures: number;
  createdAt: Date;
}

/** The customer asked for a file instead of a native ticket: the recorded product reason for a fallback. */
export interface PortableRequirement {
  reason: string;
  requestedBy: string;
}

export interface DecisionInput {
  sourceType: SourceType;
  /** The organization's targets, in any state. */
  targets: readonly TargetSnapshot[];
  /** Set when the customer asked for a file. */
  requirement: PortableRequirement | null;
  /** The safety scanner found something that will not be redacted. */
  unsafeContent: boolean;
  now: Date;
  /** Consecutive failed deliveries at which a target counts as failing; default 3. */
  failureThreshold?: number;
}

export interface Decision {
  outcome: FallbackOutcome;
  reason: FallbackReason | null;
  /**
   * PROVIDER_NATIVE: the target to use. A provider reason: the target the reason is about. PORTABLE_EXPORT_REQUIRED:
   * the usable target the customer chose not to use, null when none was usable (see {@link nativeUnavailable}).
   */
  targetId: string | null;
  /** One line a person understands, naming the target; at most {@link MAX_DETAIL_LENGTH} characters. */
  detail: string;
}

export const DEFAULT_FAILURE_THRESHOLD = 3;
export const MAX_DETAIL_LENGTH = 200;
/** Target names and requesters are free text; bounding them leaves room in the detail for the explanation. */
const NAME_LENGTH = 40;
// Fits "token:<uuid>" (42 characters), the form requesters are recorded in.
const REQUESTER_LENGTH = 48;

interface Context {
  sourceType: SourceType;
  now: Date;
  threshold: number;
}

interface Cause {
  reason: FallbackReason;
  applies(target: TargetSnapshot, context: Context): boolean;
  describe(target: TargetSnapshot, context: Context): string;
}

/**
 * Why a connected target cannot take a native export, in precedence order: the cause that clears by itself soonest
 * first, the one only the customer (or a new adapter) can clear last. A target with several causes is held back by
 * its most lasting one (the last that applies); among targets, the one whose cause comes first is reported.
 */
const causes: readonly Cause[] = [
  {
    reason: FallbackReason.PROVIDER_RATE_LIMITED,
    applies: (target, { now }) => target.state === ProviderTargetState.RATE_LIMITED && !retryDue(target, now),
    describe: (target) =>
      target.retryAfter
        ? `${label(target)} is rate limited until ${target.retryAfter.toISOString()}; native export resumes then.`
        : `${label(target)} is rate limited and gave no retry time; native export resumes when the limit lifts.`,
  },
  {
    reason: FallbackReason.PROVIDER_DELIVERY_FAILING,
    applies: (target, { threshold }) =>
      target.state === ProviderTargetState.FAILING || target.consecutiveFailures >= threshold,
    describe: (target, { threshold }) =>
      `${label(target)} is failing (${target.consecutiveFailures} consecutive failed deliveries, threshold ` +
      `${threshold}); check its last error.`,
  },
  {
    reason: FallbackReason.PROVIDER_TARGET_REVOKED,
    applies: (target) => target.state === ProviderTargetState.REVOKED,
    describe: (target) => `The credential of ${label(target)} was revoked; an admin must reconnect it.`,
  },
  {
    reason: FallbackReason.PROVIDER_ENDPOINT_UNSAFE,
    applies: (target) => target.state === ProviderTargetState.UNSAFE_ENDPOINT,
    describe: (target) =>
      `${label(target)} points at an endpoint refused as unsafe; an admin must fix its base URL or allowlist the host.`,
  },
  {
    reason: FallbackReason.PROVIDER_PATH_UNSUPPORTED,
    applies: (target, { sourceType }) =>
      target.state === ProviderTargetState.UNSUPPORTED || !supportsNativeExport(target.provider, sourceType),
    describe: (target, { sourceType }) =>
      `${label(target)} cannot take ${sourceTypePlural[sourceType]} natively (` +
      (supportsNativeExport(target.provider, sourceType) ? "target marked unsupported" : "no adapter yet") +
      ").",
  },
];

const sourceTypePlural: Readonly<Record<SourceType, string>> = {
  [SourceType.REPORT_ISSUE]: "report issues",
  [SourceType.FIX_TASK]: "fix tasks",
};

const UNSAFE_DETAIL =
  "Export blocked: secrets, private artifact paths or personal data remain in the text; fix the text at the source, " +
  "or export with redaction.";
const UNAVAILABLE_DETAIL =
  "No provider target is connected (disconnected ones are not used); a portable file hands this source over.";

/**
 * Decides whether a source goes provider-native now, and if not, why. Precedence (docs/decisions.md):
 * unsafe content (BLOCKED) > the customer's requirement (PORTABLE_EXPORT_REQUIRED) > a usable target
 * (PROVIDER_NATIVE) > no connected target (TICKET_EXPORT_PROVIDER_UNAVAILABLE) > the cause of the most promising
 * unusable target. The usable target chosen is the oldest (createdAt, then id), so the answer is stable as targets
 * are added. `failureThreshold` defaults to 3 and must be a positive integer (RangeError otherwise).
 */
export function decideFallback(input: DecisionInput): Decision {
  const context = contextOf(input.sourceType, input.now, input.failureThreshold);
  if (input.unsafeContent) {
    return decided(FallbackOutcome.BLOCKED, FallbackReason.UNSAFE_PREVIEW_BLOCKED, null, UNSAFE_DETAIL);
  }
  const best = rankTargets(input.targets, context)[0];
  const usable = best && best.cause === undefined ? best.target : null;
  if (input.requirement) {
    return required(input.requirement, usable);
  }
  if (usable) {
    const detail = `Native export via ${label(usable)} is available; a portable file is made only on request.`;
    return decided(FallbackOutcome.PROVIDER_NATIVE, FallbackReason.PROVIDER_NATIVE_AVAILABLE, usable.id, detail);
  }
  if (!best?.cause) {
    const reason = FallbackReason.TICKET_EXPORT_PROVIDER_UNAVAILABLE;
    return decided(FallbackOutcome.PORTABLE_FALLBACK, reason, null, UNAVAILABLE_DETAIL);
  }
  const { target, cause } = best;
  return decided(FallbackOutcome.PORTABLE_FALLBACK, cause.reason, target.id, cause.describe(target, context));
}

/**
 * A target a native export of this source type may use right now: not DISCONNECTED; ACTIVE, or RATE_LIMITED whose
 * retryAfter has passed (a missing retryAfter has not); consecutiveFailures below `failureThreshold` (default 3);
 * and a provider with an adapter for the source type.
 */
export function isUsableTarget(
  target: TargetSnapshot,
  sourceType: SourceType,
  now: Date,
  failureThreshold: number = DEFAULT_FAILURE_THRESHOLD,
): boolean {
  const context = contextOf(sourceType, now, failureThreshold);
  return target.state !== ProviderTargetState.DISCONNECTED && causeOf(target, context) === undefined;
}

/**
 * Whether the provider question lets a portable file be made: false only for PROVIDER_NATIVE, which the export flow
 * refuses with PROVIDER_NATIVE_AVAILABLE. A BLOCKED decision answers the safety question, not the provider one: the
 * export flow decides with `unsafeContent` false when it will redact, and refuses BLOCKED with UNSAFE_PREVIEW_BLOCKED.
 */
export function portableAllowed(decision: Decision): boolean {
  return decision.outcome !== FallbackOutcome.PROVIDER_NATIVE;
}

/**
 * Whether native export cannot be used safely for the source right now: BLOCKED, a provider reason, or
 * PORTABLE_EXPORT_REQUIRED with no usable target behind it (targetId null). A requirement with a usable target does
 * not make the provider unavailable.
 */
export function nativeUnavailable(decision: Decision): boolean {
  switch (decision.outcome) {
    case FallbackOutcome.PROVIDER_NATIVE:
      return false;
    case FallbackOutcome.BLOCKED:
      return true;
    case FallbackOutcome.PORTABLE_FALLBACK:
      return decision.reason !== FallbackReason.PORTABLE_EXPORT_REQUIRED || decision.targetId === null;
  }
}

function contextOf(sourceType: SourceType, now: Date, threshold = DEFAULT_FAILURE_THRESHOLD): Context {
  // A threshold of 0 would mark every target failing; that is a configuration mistake, not a decision.
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError(`failureThreshold must be a positive integer, got ${threshold}`);
  }
  return { sourceType, now, threshold };
}

function causeOf(target: TargetSnapshot, context: Context): Cause | undefined {
  return causes.findLast((cause) => cause.applies(target, context));
}

function retryDue(target: TargetSnapshot, now: Date): boolean {
  return target.retryAfter !== null && target.retryAfter.getTime() <= now.getTime();
}

interface RankedTarget {
  target: TargetSnapshot;
  cause: Cause | undefined;
}

/** Connected targets: usable first, then by cause precedence; rate-limited ones soonest back first; then oldest. */
function rankTargets(targets: readonly TargetSnapshot[], context: Context): RankedTarget[] {
  const rank = ({ cause }: RankedTarget) => (cause ? causes.indexOf(cause) : -1);
  const backAt = ({ target, cause }: RankedTarget) =>
    cause?.reason === FallbackReason.PROVIDER_RATE_LIMITED ? (target.retryAfter?.getTime() ?? Infinity) : 0;
  return targets
    .filter((target) => target.state !== ProviderTargetState.DISCONNECTED)
    .map((target) => ({ target, cause: causeOf(target, context) }))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        backAt(a) - backAt(b) ||
        a.target.createdAt.getTime() - b.target.createdAt.getTime() ||
        compareIds(a.target.id, b.target.id),
    );
}

/** Code-unit order, so the choice does not depend on the server's locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function required(requirement: PortableRequirement, usable: TargetSnapshot | null): Decision {
  const who = oneLine(requirement.requestedBy, REQUESTER_LENGTH) || "an unnamed requester";
  const native = usable
    ? `native export via ${label(usable)} was available`
    : "no provider target was usable either";
  // The free-text reason goes last and gets what room is left, so bounding it never cuts the rest of the line.
  const prefix = `${who} required a portable file (${native}): `;
  const why = oneLine(requirement.reason, MAX_DETAIL_LENGTH - prefix.length - 2);
  const detail = prefix + (why ? `"${why}"` : "no reason given");
  const reason = FallbackReason.PORTABLE_EXPORT_REQUIRED;
  return decided(FallbackOutcome.PORTABLE_FALLBACK, reason, usable?.id ?? null, detail);
}

function decided(
  outcome: FallbackOutcome,
  reason: FallbackReason,
  targetId: string | null,
  detail: string,
): Decision {
  return { outcome, reason, targetId, detail: oneLine(detail, MAX_DETAIL_LENGTH) };
}

function label(target: TargetSnapshot): string {
  return `${target.provider} target "${oneLine(target.name, NAME_LENGTH)}"`;
}

/** Collapses whitespace and control characters (line breaks included) and bounds the length with an ellipsis. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/[\s\p{Cc}]+/gu, " ").trim();
  if (flat.length <= max) return flat;
  // Never leave half a surrogate pair before the ellipsis.
  return `${flat.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, "").trimEnd()}…`;
}
