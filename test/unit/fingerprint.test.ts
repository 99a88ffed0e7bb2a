import { describe, expect, it } from "vitest";
import { duplicateKeyOf } from "../../src/domain/fingerprint.js";

const ORG = "7f1c1d52-0b5c-4e0e-9a55-0d1b8e0f4a11";

describe("duplicate key fingerprint v1", () => {
  it("matches the documented canonical form", () => {
    // sha256("ticket-exports/fingerprint/v1\n<org>\nREPORT_ISSUE\nissue-42"), computed independently with sha256sum.
    expect(duplicateKeyOf(ORG, "REPORT_ISSUE", "issue-42").fingerprint).toBe(
      "v1:e835cf27fa52b63ea0c36f135065bdde1b91d65d1765cdf5ef925f9478490f28",
    );
  });

  it("differs by organization, by source type and by source id", () => {
    const base = duplicateKeyOf(ORG, "REPORT_ISSUE", "x").fingerprint;
    expect(duplicateKeyOf("00000000-0000-4000-8000-000000000000", "REPORT_ISSUE", "x").fingerprint).not.toBe(base);
    expect(duplicateKeyOf(ORG, "FIX_TASK", "x").fingerprint).not.toBe(base);
    expect(duplicateKeyOf(ORG, "REPORT_ISSUE", "y").fingerprint).not.toBe(base);
  });

  it("treats canonically equivalent unicode ids as one source", () => {
    expect(duplicateKeyOf(ORG, "REPORT_ISSUE", "caf\u00e9").fingerprint).toBe(
      duplicateKeyOf(ORG, "REPORT_ISSUE", "cafe\u0301").fingerprint,
    );
  });

  it("derives a short tracker-safe label from the fingerprint", () => {
    const { fingerprint, label } = duplicateKeyOf(ORG, "REPORT_ISSUE", "Some Id With Spaces / and Ümlauts");
    expect(label).toMatch(/^tex-fp-[0-9a-f]{16}$/);
    expect(fingerprint.slice(3, 19)).toBe(label.slice(7));
    expect(label.length).toBeLessThanOrEqual(50);
  });
});
