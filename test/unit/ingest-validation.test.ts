import { describe, expect, it } from "vitest";
import { validateIngest } from "../../src/domain/ingest-validation.js";
import { DomainError } from "../../src/errors.js";

const composed = "caf\u00e9-login";
const decomposed = "cafe\u0301-login";

const ingest = (...sourceIds: string[]) =>
  validateIngest({
    externalId: "scan-1",
    title: "Scan",
    siteUrl: "https://shop.example.com",
    sources: sourceIds.map((sourceId) => ({
      sourceType: "REPORT_ISSUE" as const,
      sourceId,
      title: "Finding",
      severity: "HIGH" as const,
      affectedUrl: "https://shop.example.com/login",
    })),
  });

describe("validateIngest", () => {
  it("keeps a source id in NFC, the form its fingerprint is computed from", () => {
    const [source] = ingest(decomposed).sources;
    expect(source.sourceId).toBe(composed);
  });

  it("refuses one id sent in its composed and decomposed forms as a repeat", () => {
    expect(() => ingest(composed, decomposed)).toThrow(DomainError);
    expect(() => ingest(composed, decomposed)).toThrow(`repeats REPORT_ISSUE "${composed}" of input.sources[0]`);
  });
});
