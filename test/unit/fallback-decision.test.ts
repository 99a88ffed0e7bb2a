import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decideFallback,
  isUsableTarget,
  MAX_DETAIL_LENGTH,
  nativeUnavailable,
  portableAllowed,
  type Decision,
  type DecisionInput,
  type TargetSnapshot,
} from "../../src/domain/fallback-decision.js";
import { supportsNativeExport } from "../../src/domain/native-support.js";
import {
  FallbackOutcome,
  FallbackReason,
  Provider,
  ProviderTargetState,
  SourceType,
  enumValues,
} from "../../src/domain/vocabulary.js";

const now = new Date("2025-03-01T12:00:00.000Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

let sequence = 0;
function target(overrides: Partial<TargetSnapshot> = {}): TargetSnapshot {
  sequence += 1;
  return {
    id: `target-${sequence}`,
    name: `Tracker ${sequence}`,
    provider: Provider.JIRA,
    state: ProviderTargetState.ACTIVE,
    retryAfter: null,
    consecutiveFailures: 0,
    createdAt: minutes(-1000 + sequence),
    ...overrides,
  };
}

function decide(overrides: Partial<DecisionInput> = {}): Decision {
  return decideFallback({
    sourceType: SourceType.REPORT_ISSUE,
    targets: [],
    requirement: null,
    unsafeContent: false,
    now,
    ...overrides,
  });
}

const requirement = { reason: "The client imports by CSV", requestedBy: "ana@agency.example" };

describe("supportsNativeExport", () => {
  // Every tracker the product names has an adapter; OTHER names none to speak to.
  const cases = enumValues(Provider).flatMap((provider) =>
    enumValues(SourceType).map((sourceType) => ({ provider, sourceType, expected: provider !== Provider.OTHER })),
  );

  it.each(cases)("answers $expected for $provider and $sourceType", ({ provider, sourceType, expected }) => {
    expect(supportsNativeExport(provider, sourceType)).toBe(expected);
  });
});

describe("decideFallback", () => {
  it("blocks unsafe content before any provider question, telling the person how to fix it", () => {
    const usable = target();
    const decision = decide({ targets: [usable], requirement, unsafeContent: true });
    expect(decision).toMatchObject({
      outcome: FallbackOutcome.BLOCKED,
      reason: FallbackReason.UNSAFE_PREVIEW_BLOCKED,
      targetId: null,
    });
    expect(decision.detail).toMatch(/fix the text at the source/);
    expect(decision.detail).toMatch(/redaction/);
  });

  it("goes provider-native through a usable target when no file was required", () => {
    const usable = target({ name: "Acme Jira" });
    expect(decide({ targets: [usable] })).toEqual({
      outcome: FallbackOutcome.PROVIDER_NATIVE,
      reason: FallbackReason.PROVIDER_NATIVE_AVAILABLE,
      targetId: usable.id,
      detail: 'Native export via JIRA target "Acme Jira" is available; a portable file is made only on request.',
    });
  });

  it("records the customer's requirement over a usable target, naming who asked and why", () => {
    const usable = target({ name: "Acme Jira" });
    const decision = decide({
      targets: [usable],
      requirement: { reason: "  The client\r\nimports by CSV \t", requestedBy: " ana@agency.example\n" },
    });
    expect(decision).toEqual({
      outcome: FallbackOutcome.PORTABLE_FALLBACK,
      reason: FallbackReason.PORTABLE_EXPORT_REQUIRED,
      targetId: usable.id,
      detail:
        'ana@agency.example required a portable file (native export via JIRA target "Acme Jira" was available): ' +
        '"The client imports by CSV"',
    });
  });

  it("records the requirement even when no target is usable, with no target behind it", () => {
    const decision = decide({ targets: [target({ state: ProviderTargetState.REVOKED })], requirement });
    expect(decision).toEqual({
      outcome: FallbackOutcome.PORTABLE_FALLBACK,
      reason: FallbackReason.PORTABLE_EXPORT_REQUIRED,
      targetId: null,
      detail:
        "ana@agency.example required a portable file (no provider target was usable either): " +
        '"The client imports by CSV"',
    });
  });

  it("says so when the requirement carries no reason or requester", () => {
    const decision = decide({ requirement: { reason: " \n ", requestedBy: "" } });
    expect(decision.detail).toBe(
      "an unnamed requester required a portable file (no provider target was usable either): no reason given",
    );
  });

  it("bounds a long requirement reason without losing its closing quote", () => {
    const decision = decide({ requirement: { reason: "word ".repeat(100), requestedBy: "ana" } });
    expect(decision.detail).toHaveLength(MAX_DETAIL_LENGTH);
    expect(decision.detail).toMatch(/: "word word .*…"$/);
  });

  it.each([
    { case: "no target at all", targets: [] },
    { case: "only disconnected targets", targets: [target({ state: ProviderTargetState.DISCONNECTED })] },
  ])("reports the provider unavailable with $case", ({ targets }) => {
    expect(decide({ targets })).toMatchObject({
      outcome: FallbackOutcome.PORTABLE_FALLBACK,
      reason: FallbackReason.TICKET_EXPORT_PROVIDER_UNAVAILABLE,
      targetId: null,
    });
  });

  it("ignores a disconnected target even when it is the oldest", () => {
    const disconnected = target({ state: ProviderTargetState.DISCONNECTED, createdAt: minutes(-99_999) });
    const revoked = target({ state: ProviderTargetState.REVOKED });
    expect(decide({ targets: [disconnected, revoked] }).targetId).toBe(revoked.id);
  });

  describe("names the cause of a lone unusable target", () => {
    const cases: { case: string; target: Partial<TargetSnapshot>; reason: FallbackReason; detail: string }[] = [
      {
        case: "rate limited until a known time",
        target: { state: ProviderTargetState.RATE_LIMITED, retryAfter: minutes(30) },
        reason: FallbackReason.PROVIDER_RATE_LIMITED,
        detail: 'JIRA target "Acme" is rate limited until 2025-03-01T12:30:00.000Z; native export resumes then.',
      },
      {
        case: "rate limited with no retry time",
        target: { state: ProviderTargetState.RATE_LIMITED },
        reason: FallbackReason.PROVIDER_RATE_LIMITED,
        detail:
          'JIRA target "Acme" is rate limited and gave no retry time; native export resumes when the limit lifts.',
      },
      {
        case: "marked failing",
        target: { state: ProviderTargetState.FAILING, consecutiveFailures: 1 },
        reason: FallbackReason.PROVIDER_DELIVERY_FAILING,
        detail:
          'JIRA target "Acme" is failing (1 consecutive failed deliveries, threshold 3); check its last error.',
      },
      {
        case: "active but failing at the threshold",
        target: { consecutiveFailures: 3 },
        reason: FallbackReason.PROVIDER_DELIVERY_FAILING,
        detail:
          'JIRA target "Acme" is failing (3 consecutive failed deliveries, threshold 3); check its last error.',
      },
      {
        case: "revoked",
        target: { state: ProviderTargetState.REVOKED },
        reason: FallbackReason.PROVIDER_TARGET_REVOKED,
        detail: 'The credential of JIRA target "Acme" was revoked; an admin must reconnect it.',
      },
      {
        case: "behind an unsafe endpoint",
        target: { state: ProviderTargetState.UNSAFE_ENDPOINT },
        reason: FallbackReason.PROVIDER_ENDPOINT_UNSAFE,
        detail:
          'JIRA target "Acme" points at an endpoint refused as unsafe; an admin must fix its base URL or allowlist ' +
          "the host.",
      },
      {
        case: "marked unsupported",
        target: { state: ProviderTargetState.UNSUPPORTED },
        reason: FallbackReason.PROVIDER_PATH_UNSUPPORTED,
        detail: 'JIRA target "Acme" cannot take report issues natively (target marked unsupported).',
      },
      {
        case: "of a provider without an adapter",
        target: { provider: Provider.OTHER },
        reason: FallbackReason.PROVIDER_PATH_UNSUPPORTED,
        detail: 'OTHER target "Acme" cannot take report issues natively (no adapter yet).',
      },
    ];

    it.each(cases)("when it is $case", ({ target: overrides, reason, detail }) => {
      const blocked = target({ name: "Acme", ...overrides });
      expect(decide({ targets: [blocked] })).toEqual({
        outcome: FallbackOutcome.PORTABLE_FALLBACK,
        reason,
        targetId: blocked.id,
        detail,
      });
    });
  });

  it("names the source type an adapter is missing for", () => {
    const other = target({ provider: Provider.OTHER, name: "Board" });
    expect(decide({ sourceType: SourceType.FIX_TASK, targets: [other] }).detail).toBe(
      'OTHER target "Board" cannot take fix tasks natively (no adapter yet).',
    );
  });

  describe("reports the most promising of several unusable targets", () => {
    const precedence: { reason: FallbackReason; target: Partial<TargetSnapshot> }[] = [
      {
        reason: FallbackReason.PROVIDER_RATE_LIMITED,
        target: { state: ProviderTargetState.RATE_LIMITED, retryAfter: minutes(5) },
      },
      { reason: FallbackReason.PROVIDER_DELIVERY_FAILING, target: { state: ProviderTargetState.FAILING } },
      { reason: FallbackReason.PROVIDER_TARGET_REVOKED, target: { state: ProviderTargetState.REVOKED } },
      { reason: FallbackReason.PROVIDER_ENDPOINT_UNSAFE, target: { state: ProviderTargetState.UNSAFE_ENDPOINT } },
      { reason: FallbackReason.PROVIDER_PATH_UNSUPPORTED, target: { state: ProviderTargetState.UNSUPPORTED } },
    ];
    const pairs = precedence.flatMap((winner, index) =>
      precedence.slice(index + 1).map((loser) => ({ winner, loser, w: winner.reason, l: loser.reason })),
    );

    it.each(pairs)("$w over $l, whatever their age or order", ({ winner, loser }) => {
      // The loser is older, so only precedence can pick the winner.
      const older = target({ ...loser.target, createdAt: minutes(-5000) });
      const newer = target({ ...winner.target, createdAt: minutes(-1) });
      for (const targets of [[older, newer], [newer, older]]) {
        expect(decide({ targets })).toMatchObject({ reason: winner.reason, targetId: newer.id });
      }
    });
  });

  it("holds a target back by its most lasting cause", () => {
    const revokedOther = target({ provider: Provider.OTHER, state: ProviderTargetState.REVOKED });
    const failingRateLimited = target({
      state: ProviderTargetState.RATE_LIMITED,
      retryAfter: minutes(5),
      consecutiveFailures: 4,
    });
    expect(decide({ targets: [revokedOther] }).reason).toBe(FallbackReason.PROVIDER_PATH_UNSUPPORTED);
    expect(decide({ targets: [failingRateLimited] }).reason).toBe(FallbackReason.PROVIDER_DELIVERY_FAILING);
  });

  it("prefers the rate-limited target that comes back soonest, and one with no retry time last", () => {
    const unknown = target({ state: ProviderTargetState.RATE_LIMITED, createdAt: minutes(-9000) });
    const later = target({
      state: ProviderTargetState.RATE_LIMITED,
      retryAfter: minutes(60),
      createdAt: minutes(-8000),
    });
    const sooner = target({ state: ProviderTargetState.RATE_LIMITED, retryAfter: minutes(10) });
    expect(decide({ targets: [unknown, later, sooner] }).targetId).toBe(sooner.id);
    expect(decide({ targets: [unknown, later] }).targetId).toBe(later.id);
  });

  it("chooses the oldest usable target whatever the input order", () => {
    const oldest = target({ createdAt: minutes(-500) });
    const newer = target({ createdAt: minutes(-100) });
    expect(decide({ targets: [newer, oldest] }).targetId).toBe(oldest.id);
    expect(decide({ targets: [oldest, newer] }).targetId).toBe(oldest.id);
  });

  it("breaks a tie in age by id", () => {
    const createdAt = minutes(-50);
    const b = target({ id: "b", createdAt });
    const a = target({ id: "a", createdAt });
    expect(decide({ targets: [b, a] }).targetId).toBe("a");
  });

  it("prefers a usable target over an older unusable one", () => {
    const revoked = target({ state: ProviderTargetState.REVOKED, createdAt: minutes(-9000) });
    const usable = target({ provider: Provider.GITHUB });
    expect(decide({ targets: [revoked, usable] })).toMatchObject({
      outcome: FallbackOutcome.PROVIDER_NATIVE,
      targetId: usable.id,
    });
  });

  it("applies a custom failure threshold", () => {
    const flaky = target({ consecutiveFailures: 4 });
    expect(decide({ targets: [flaky], failureThreshold: 5 }).outcome).toBe(FallbackOutcome.PROVIDER_NATIVE);
    expect(decide({ targets: [flaky], failureThreshold: 4 }).detail).toMatch(/4 consecutive .* threshold 4/);
  });

  it.each([0, -1, 2.5, Number.NaN])("refuses a failure threshold of %s", (failureThreshold) => {
    expect(() => decide({ failureThreshold })).toThrow(RangeError);
  });

  it("keeps the target name to one bounded line", () => {
    const messy = target({ name: `Acme\nJira\u0085${"x".repeat(100)}`, state: ProviderTargetState.REVOKED });
    const { detail } = decide({ targets: [messy] });
    expect(detail).toMatch(/^The credential of JIRA target "Acme Jira x+…" was revoked/);
  });

  it("never cuts a name inside a surrogate pair", () => {
    const emoji = target({ name: `${"x".repeat(38)}\u{1F600}tail`, state: ProviderTargetState.REVOKED });
    expect(decide({ targets: [emoji] }).detail).toContain(`"${"x".repeat(38)}…"`);
  });

  it("writes every detail as one line of at most 200 characters", () => {
    const text = fc.string({ unit: "binary", maxLength: 400 });
    const snapshot = fc.record({
      id: fc.string({ minLength: 1 }),
      name: text,
      provider: fc.constantFrom(...enumValues(Provider)),
      state: fc.constantFrom(...enumValues(ProviderTargetState)),
      retryAfter: fc.option(fc.date({ noInvalidDate: true })),
      consecutiveFailures: fc.nat(10_000_000),
      createdAt: fc.date({ noInvalidDate: true }),
    });
    fc.assert(
      fc.property(
        fc.array(snapshot, { maxLength: 5 }),
        fc.option(fc.record({ reason: text, requestedBy: text })),
        fc.boolean(),
        fc.constantFrom(...enumValues(SourceType)),
        (targets, requirement, unsafeContent, sourceType) => {
          const { detail } = decide({ targets, requirement, unsafeContent, sourceType });
          expect(detail.length).toBeLessThanOrEqual(MAX_DETAIL_LENGTH);
          expect(detail).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
          expect(detail).toBe(detail.trim());
        },
      ),
    );
  });
});

describe("isUsableTarget", () => {
  const usable = (overrides: Partial<TargetSnapshot>, threshold?: number) =>
    isUsableTarget(target(overrides), SourceType.FIX_TASK, now, threshold);

  it.each([
    { state: ProviderTargetState.ACTIVE, expected: true },
    { state: ProviderTargetState.REVOKED, expected: false },
    { state: ProviderTargetState.UNSAFE_ENDPOINT, expected: false },
    { state: ProviderTargetState.UNSUPPORTED, expected: false },
    { state: ProviderTargetState.FAILING, expected: false },
    { state: ProviderTargetState.DISCONNECTED, expected: false },
    { state: ProviderTargetState.RATE_LIMITED, expected: false },
  ])("answers $expected for a $state target", ({ state, expected }) => {
    expect(usable({ state })).toBe(expected);
  });

  it("counts a rate-limited target as usable once its retry time has come", () => {
    const state = ProviderTargetState.RATE_LIMITED;
    expect(usable({ state, retryAfter: minutes(-1) })).toBe(true);
    expect(usable({ state, retryAfter: now })).toBe(true);
    expect(usable({ state, retryAfter: new Date(now.getTime() + 1) })).toBe(false);
  });

  it("stops at exactly the failure threshold", () => {
    expect(usable({ consecutiveFailures: 2 })).toBe(true);
    expect(usable({ consecutiveFailures: 3 })).toBe(false);
    expect(usable({ consecutiveFailures: 6 }, 7)).toBe(true);
    expect(usable({ consecutiveFailures: 7 }, 7)).toBe(false);
  });

  it("refuses an active target whose provider has no adapter for the source type", () => {
    expect(usable({ provider: Provider.OTHER })).toBe(false);
    expect(usable({ provider: Provider.BITBUCKET })).toBe(true);
  });
});

describe("portableAllowed and nativeUnavailable", () => {
  const decision = (outcome: FallbackOutcome, reason: FallbackReason, targetId: string | null): Decision => ({
    outcome,
    reason,
    targetId,
    detail: "",
  });
  const cases = [
    { d: decision("PROVIDER_NATIVE", "PROVIDER_NATIVE_AVAILABLE", "t"), portable: false, unavailable: false },
    { d: decision("BLOCKED", "UNSAFE_PREVIEW_BLOCKED", null), portable: true, unavailable: true },
    { d: decision("PORTABLE_FALLBACK", "PORTABLE_EXPORT_REQUIRED", "t"), portable: true, unavailable: false },
    { d: decision("PORTABLE_FALLBACK", "PORTABLE_EXPORT_REQUIRED", null), portable: true, unavailable: true },
    { d: decision("PORTABLE_FALLBACK", "TICKET_EXPORT_PROVIDER_UNAVAILABLE", null), portable: true, unavailable: true },
    { d: decision("PORTABLE_FALLBACK", "PROVIDER_TARGET_REVOKED", "t"), portable: true, unavailable: true },
    { d: decision("PORTABLE_FALLBACK", "PROVIDER_ENDPOINT_UNSAFE", "t"), portable: true, unavailable: true },
    { d: decision("PORTABLE_FALLBACK", "PROVIDER_PATH_UNSUPPORTED", "t"), portable: true, unavailable: true },
    { d: decision("PORTABLE_FALLBACK", "PROVIDER_RATE_LIMITED", "t"), portable: true, unavailable: true },
    { d: decision("PORTABLE_FALLBACK", "PROVIDER_DELIVERY_FAILING", "t"), portable: true, unavailable: true },
  ];

  it.each(cases)(
    "answers portable $portable and unavailable $unavailable for $d.reason with target $d.targetId",
    ({ d, portable, unavailable }) => {
      expect(portableAllowed(d)).toBe(portable);
      expect(nativeUnavailable(d)).toBe(unavailable);
    },
  );
});
