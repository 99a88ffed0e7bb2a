import { describe, expect, it } from "vitest";
import type { Decision } from "../../src/domain/fallback-decision.js";
import { computeReadiness, type ReadinessInput } from "../../src/domain/readiness.js";
import type { FallbackOutcome, FallbackReason } from "../../src/domain/vocabulary.js";

const decision = (outcome: FallbackOutcome, reason: FallbackReason, targetId: string | null = null): Decision => ({
  outcome,
  reason,
  targetId,
  detail: "why",
});

const revoked = decision("PORTABLE_FALLBACK", "PROVIDER_TARGET_REVOKED", "t1");

const ready: ReadinessInput = {
  sourceType: "REPORT_ISSUE",
  sourceId: "ISSUE-1",
  exportStatus: "NOT_EXPORTED",
  format: "CSV_EXPORT",
  decision: revoked,
  fingerprint: "fp-1",
  importBoundaryAcknowledged: true,
  unsafeFindings: 0,
};

describe("computeReadiness", () => {
  it("shows a fully prepared source behind a revoked target as ready to hand over", () => {
    expect(computeReadiness(ready)).toEqual({
      portableReady: true,
      providerUnavailable: true,
      duplicateGuardReady: true,
      importBoundaryClear: true,
      unsafePreviewBlocked: false,
    });
  });

  describe("portableReady", () => {
    it.each<{ case: string; change: Partial<ReadinessInput> }>([
      { case: "no format is chosen", change: { format: null } },
      { case: "the source type is unknown", change: { sourceType: null } },
      { case: "the source id is unknown", change: { sourceId: null } },
      { case: "the source id is blank", change: { sourceId: "  " } },
      { case: "the export status is unknown", change: { exportStatus: null } },
      { case: "an unredacted finding remains", change: { unsafeFindings: 1 } },
      {
        case: "the decision blocked unsafe content",
        change: { decision: decision("BLOCKED", "UNSAFE_PREVIEW_BLOCKED") },
      },
      {
        case: "a usable target refuses the portable path",
        change: { decision: decision("PROVIDER_NATIVE", "PROVIDER_NATIVE_AVAILABLE", "t1") },
      },
      { case: "the provider question was never asked", change: { decision: null } },
    ])("is false when $case", ({ change }) => {
      expect(computeReadiness({ ...ready, ...change }).portableReady).toBe(false);
    });

    it("does not depend on the fingerprint or the import acknowledgement, which have states of their own", () => {
      const readiness = computeReadiness({ ...ready, fingerprint: null, importBoundaryAcknowledged: false });
      expect(readiness.portableReady).toBe(true);
    });
  });

  describe("providerUnavailable", () => {
    it.each<{ case: string; decision: Decision | null; expected: boolean }>([
      { case: "a provider reason", decision: revoked, expected: true },
      {
        case: "no connected target",
        decision: decision("PORTABLE_FALLBACK", "TICKET_EXPORT_PROVIDER_UNAVAILABLE"),
        expected: true,
      },
      { case: "unsafe content", decision: decision("BLOCKED", "UNSAFE_PREVIEW_BLOCKED"), expected: true },
      {
        case: "a required file with no usable target",
        decision: decision("PORTABLE_FALLBACK", "PORTABLE_EXPORT_REQUIRED", null),
        expected: true,
      },
      {
        case: "a required file while a target is usable",
        decision: decision("PORTABLE_FALLBACK", "PORTABLE_EXPORT_REQUIRED", "t1"),
        expected: false,
      },
      {
        case: "a usable target",
        decision: decision("PROVIDER_NATIVE", "PROVIDER_NATIVE_AVAILABLE", "t1"),
        expected: false,
      },
      { case: "no decision yet", decision: null, expected: false },
    ])("is $expected for $case", ({ decision, expected }) => {
      expect(computeReadiness({ ...ready, decision }).providerUnavailable).toBe(expected);
    });
  });

  describe("duplicateGuardReady", () => {
    it.each<{ sourceId: string | null; fingerprint: string | null; expected: boolean }>([
      { sourceId: "ISSUE-1", fingerprint: "fp-1", expected: true },
      { sourceId: null, fingerprint: "fp-1", expected: false },
      { sourceId: "ISSUE-1", fingerprint: null, expected: false },
      { sourceId: "ISSUE-1", fingerprint: "", expected: false },
      { sourceId: null, fingerprint: null, expected: false },
    ])("is $expected for source id $sourceId and fingerprint $fingerprint", ({ sourceId, fingerprint, expected }) => {
      expect(computeReadiness({ ...ready, sourceId, fingerprint }).duplicateGuardReady).toBe(expected);
    });
  });

  it.each([true, false])("reports the import boundary clear only when acknowledged (%s)", (acknowledged) => {
    expect(computeReadiness({ ...ready, importBoundaryAcknowledged: acknowledged }).importBoundaryClear).toBe(
      acknowledged,
    );
  });

  it.each([
    { unsafeFindings: 0, expected: false },
    { unsafeFindings: 1, expected: true },
    { unsafeFindings: 12, expected: true },
  ])("blocks the preview when $unsafeFindings findings remain: $expected", ({ unsafeFindings, expected }) => {
    expect(computeReadiness({ ...ready, unsafeFindings }).unsafePreviewBlocked).toBe(expected);
  });
});
