import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SourceContent } from "../../src/domain/export-item.js";
import { TEXT_LIMITS } from "../../src/domain/input-rules.js";
import { blockingFindings, redactText, type SafetyFinding, scanSource, scanText } from "../../src/domain/safety/index.js";
import { normalise } from "../../src/domain/safety/normalise.js";
import {
  type FamilySample,
  familySamples,
  OBFUSCATIONS,
  ORDINARY_SOURCE_IDS,
  ORDINARY_TEXTS,
  TOKEN_CONTEXTS,
  TOKEN_SHAPES,
} from "../fixtures/secret-families.js";
import { seeded } from "../fixtures/seeded-random.js";

const samples = familySamples(seeded(0x13));
/** The share of the corpus that must be found; the misses are printed either way. */
const REQUIRED_RATE = 0.98;

const covers = (finding: SafetyFinding, text: string, sample: Pick<FamilySample, "kind" | "rule" | "value">): boolean => {
  const at = text.indexOf(sample.value);
  return (
    finding.kind === sample.kind &&
    (sample.rule === undefined || finding.rule === sample.rule) &&
    finding.start <= at &&
    finding.end >= at + sample.value.length
  );
};

/** Every 8-character window of a value: a redacted text holding any of them still shows part of it. */
const windows = (value: string): string[] =>
  value.length <= 8 ? [value] : Array.from({ length: value.length - 7 }, (_, i) => value.slice(i, i + 8));

/** The windows of `values` left in `redacted`, as written or as the scanner reads it (normalised). */
const leftovers = (redacted: string, values: readonly string[]): string[] => {
  const read = normalise(redacted).text;
  return values.flatMap(windows).filter((window) => redacted.includes(window) || read.includes(window));
};

const source = (sourceId: string): SourceContent => ({
  sourceId,
  title: "Finding",
  description: null,
  affectedUrl: "https://shop.example.com/",
  labels: [],
  acceptanceCriteria: [],
  evidenceLinks: [],
});

describe("the corpus of secret families", () => {
  const results = samples.map((sample) => ({ sample, findings: scanText(sample.text, "description") }));

  it("holds every family and places every value in its text", () => {
    expect(samples.length).toBeGreaterThan(1000);
    expect(samples.filter(({ text, value }) => !text.includes(value)).map(({ family, value }) => `${family}: ${value}`)).toEqual([]);
  });

  it(`finds at least ${REQUIRED_RATE * 100}% of the values under the expected kind and rule, in every family`, () => {
    const misses = results.filter(({ sample, findings }) => !findings.some((finding) => covers(finding, sample.text, sample)));
    const byFamily = new Map<string, { found: number; total: number }>();
    for (const { sample } of results) {
      const tally = byFamily.get(sample.family) ?? { found: 0, total: 0 };
      tally.total += 1;
      tally.found += misses.some((miss) => miss.sample === sample) ? 0 : 1;
      byFamily.set(sample.family, tally);
    }
    const rate = 1 - misses.length / results.length;
    console.log(
      `secret families: found ${results.length - misses.length} of ${results.length} (${(rate * 100).toFixed(1)}%)\n` +
        [...byFamily].map(([family, { found, total }]) => `  ${family}: ${found}/${total}`).join("\n") +
        (misses.length > 0 ? `\nmisses:\n${misses.map(({ sample, findings }) => `  ${sample.family} ${sample.rule ?? sample.kind}: ${JSON.stringify(sample.text)} -> ${findings.map((f) => f.rule).join(",") || "nothing"}`).join("\n")}` : ""),
    );
    expect(rate).toBeGreaterThanOrEqual(REQUIRED_RATE);
  });

  it("leaves nothing recognisable of a found value once redacted, and nothing a rescan would report", () => {
    const left = results.flatMap(({ sample, findings }) => {
      const redacted = redactText(sample.text, findings);
      const pieces = leftovers(redacted, sample.value.split(/\r?\n|\\n/));
      const rescan = scanText(redacted, "description").map((finding) => finding.rule);
      return pieces.length + rescan.length > 0 ? [{ family: sample.family, text: sample.text, pieces, rescan }] : [];
    });
    expect(left).toEqual([]);
  });

  it("reports nothing in ordinary finding text", () => {
    const reported = ORDINARY_TEXTS.map((text) => ({ text, rules: scanText(text, "description").map((f) => f.rule) })).filter(
      ({ rules }) => rules.length > 0,
    );
    expect(reported).toEqual([]);
  });

  // A token is a secret by its shape alone; a keyed secret or a phrase only with its key, so the whole text is the id.
  it("blocks every secret as a source id, even with redaction, and no ordinary source id", () => {
    const ids = samples
      .filter(({ kind }) => kind === "SECRET")
      .map((sample) => (sample.rule !== undefined && sample.family !== "aws key pair" ? sample.value : sample.text))
      .filter((id) => id.length <= TEXT_LIMITS.id && !/[\r\n]/.test(id));
    expect(ids.length).toBeGreaterThan(1000);
    expect(ids.filter((id) => blockingFindings(scanSource(source(id)), true).length === 0)).toEqual([]);
    expect(ORDINARY_SOURCE_IDS.filter((id) => scanSource(source(id)).length > 0)).toEqual([]);
  });
});

describe("the normalised scanner, on any token of the rule families however it is hidden", () => {
  const hidden = fc.record({
    seed: fc.integer(),
    shape: fc.constantFrom(...TOKEN_SHAPES),
    obfuscation: fc.constantFrom(...OBFUSCATIONS),
    context: fc.constantFrom(...TOKEN_CONTEXTS),
  });

  // Found: a finding of the format's rule starts at the token. Gone: no 8 characters of it left once redacted. A split
  // token's last characters, when they read as a word on their own line, may stay: too few to recognise anything.
  it("finds it, and redaction leaves no recognisable part of it", () => {
    fc.assert(
      fc.property(hidden, ({ seed, shape, obfuscation, context }) => {
        fc.pre(!obfuscation.needsPrefix || shape.prefix !== undefined);
        const r = seeded(seed);
        const value = shape.make(r);
        const written = obfuscation.hide(value, r, shape.prefix);
        const text = context(written);
        const findings = scanText(text, "description");
        const at = text.indexOf(written);
        expect(findings.some(({ rule, start, end }) => rule === shape.rule && start <= at && end > at)).toBe(true);
        const redacted = redactText(text, findings);
        expect(leftovers(redacted, [value, written])).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("finds personal data and keyed secrets hidden by invisible characters, look-alikes and encodings", () => {
    const values = fc.constantFrom(
      { kind: "PERSONAL_DATA" as const, make: () => "alice.smith@example.com" },
      { kind: "PERSONAL_DATA" as const, make: () => "4111 1111 1111 1111" },
      { kind: "PERSONAL_DATA" as const, make: () => "DE89370400440532013000" },
      { kind: "SECRET" as const, make: (r: ReturnType<typeof seeded>) => `password=${r.letters(6)}${r.digits(3)}` },
      { kind: "SECRET" as const, make: (r: ReturnType<typeof seeded>) => `api_key: ${r.alnum(32)}` },
    );
    const wrappers = OBFUSCATIONS.filter(({ needsPrefix }) => !needsPrefix);
    fc.assert(
      fc.property(fc.integer(), values, fc.constantFrom(...wrappers), (seed, { kind, make }, obfuscation) => {
        const r = seeded(seed);
        const value = make(r);
        const written = obfuscation.hide(value, r);
        const text = `Seen in the response: ${written} (since May)`;
        const findings = scanText(text, "description");
        // The finding may cover the value only (`password=[redacted:secret]`): what must go is the part that is secret.
        const secretPart = value.replace(/^(?:password=|api_key: )/, "");
        expect(findings.some((finding) => finding.kind === kind)).toBe(true);
        expect(leftovers(redactText(text, findings), [secretPart])).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
