import { describe, expect, it } from "vitest";
import { type SafetyFinding, scanText } from "../../src/domain/safety/index.js";
import { type Expectation, negatives, positives } from "../fixtures/safety-corpus.js";

const reports = (finding: SafetyFinding, text: string, expectation: Expectation): boolean => {
  const at = text.indexOf(expectation.value);
  return (
    finding.rule === expectation.rule &&
    finding.kind === expectation.kind &&
    finding.start <= at &&
    finding.end >= at + expectation.value.length
  );
};

const scannedPositives = positives.map((positive) => ({ ...positive, findings: scanText(positive.text, "corpus") }));
const scannedNegatives = negatives.map((text) => ({ text, findings: scanText(text, "corpus") }));
const expectations = scannedPositives.flatMap(({ text, expect: expected, findings }) =>
  expected.map((expectation) => ({ text, expectation, found: findings.some((f) => reports(f, text, expectation)) })),
);

/** Every 8-character window of a value: an excerpt holding any of them leaks too much. */
const windows = (value: string): string[] =>
  value.length <= 8 ? [value] : Array.from({ length: value.length - 7 }, (_, i) => value.slice(i, i + 8));

describe("the safety corpus", () => {
  it("is large enough to measure: at least 60 expected findings and 40 negatives", () => {
    expect(expectations.length).toBeGreaterThanOrEqual(60);
    expect(negatives.length).toBeGreaterThanOrEqual(40);
  });

  it("places every expected value in its text", () => {
    expect(expectations.filter(({ text, expectation }) => !text.includes(expectation.value))).toEqual([]);
  });

  it("reports at least 95% of the expected values under the expected kind and rule", () => {
    const found = expectations.filter((e) => e.found).length;
    const recall = found / expectations.length;
    const all = [...scannedPositives, ...scannedNegatives].flatMap(({ text, findings }) =>
      findings.map((finding) => ({ text, finding })),
    );
    const truePositives = all.filter(({ text, finding }) =>
      expectations.some((e) => e.text === text && reports(finding, text, e.expectation)),
    ).length;
    const precision = truePositives / all.length;
    console.log(
      `safety corpus: recall ${recall.toFixed(3)} (${found}/${expectations.length}), precision ${precision.toFixed(3)} (${truePositives}/${all.length})`,
    );
    const missed = expectations.filter((e) => !e.found).map(({ text, expectation }) => ({ rule: expectation.rule, text }));
    expect(recall, JSON.stringify(missed, null, 2)).toBeGreaterThanOrEqual(0.95);
  });

  it("reports nothing on any look-alike negative", () => {
    const falsePositives = scannedNegatives
      .filter(({ findings }) => findings.length > 0)
      .map(({ text, findings }) => ({ text, rules: findings.map((f) => f.rule) }));
    expect(falsePositives).toEqual([]);
  });

  it("never shows a sensitive value, nor 8 characters of it, in any excerpt", () => {
    const leaks = scannedPositives.flatMap(({ expect: expected, findings }) =>
      findings.flatMap((finding) =>
        expected
          .filter(({ value }) => windows(value).some((window) => finding.excerpt.includes(window)))
          .map(({ rule }) => ({ rule, excerpt: finding.excerpt })),
      ),
    );
    expect(leaks).toEqual([]);
  });
});
