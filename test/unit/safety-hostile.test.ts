import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactText, SAFETY_RULES, ruleKind, scanText } from "../../src/domain/safety/index.js";

const MEGABYTE = 1_000_000;
const planted = `ghp_${"Q7w8E9r0T1".repeat(3)}y2U3i4`;

/** Input built to make careless patterns backtrack: long runs of near-misses for every detector. */
const hostile = [
  "a".repeat(MEGABYTE),
  "a@".repeat(MEGABYTE / 2),
  "aa.aa.aa.".repeat(MEGABYTE / 9),
  "http://".repeat(MEGABYTE / 7),
  "-----BEGIN RSA PRIVATE KEY-----".repeat(MEGABYTE / 31),
  "password=".repeat(MEGABYTE / 9),
  "eyJhbGciOi.".repeat(MEGABYTE / 11),
  "C:\\".repeat(MEGABYTE / 3),
  "\\\\".repeat(MEGABYTE / 2),
  "/home/".repeat(MEGABYTE / 6),
  "1 ".repeat(MEGABYTE / 2),
  "+1 ".repeat(MEGABYTE / 3),
  "DE89 ".repeat(MEGABYTE / 5),
  "fe80:".repeat(MEGABYTE / 5),
  "?a=%41&".repeat(MEGABYTE / 7),
  "((((((((".repeat(MEGABYTE / 8),
  "Cookie: a=b; ".repeat(MEGABYTE / 13),
  "ya29.".repeat(MEGABYTE / 5),
  "hvs.a1".repeat(MEGABYTE / 6),
  "password: a1 ".repeat(MEGABYTE / 13),
  "token: a.b.c.d.e.f.g.h.".repeat(MEGABYTE / 23),
  "https://a.io/%40a/".repeat(MEGABYTE / 18),
  "http://a.io/?sig=a1b2c3d4e5 ".repeat(MEGABYTE / 28),
  // Phone-shaped candidates: libphonenumber costs about 0.2 ms each, so only a bounded number of them may reach it.
  "+1(2)3-4.5 6 ".repeat(MEGABYTE / 13),
  "+1 415 555 2671 ".repeat(MEGABYTE / 16),
  // Google OAuth tokens may hold dots; a match made mostly of dots must not cost quadratic time to trim.
  `ya29.${".".repeat(4_090)}a `.repeat(MEGABYTE / 4_097),
];

const QUARTER = MEGABYTE / 4;
/**
 * What the normaliser and the decoders read (issue 13): invisible characters, look-alikes, escapes to decode round
 * after round, base64 that decodes to text, split tokens to join, and the phrases, addresses and paths they reveal. A
 * quarter of a megabyte each: a quadratic cost shows as plainly there, and the file stays within its time.
 */
const hostileToNormalise = [
  "g\u200Bh\u0440_".repeat(QUARTER / 5),
  "\u0430\u0301".repeat(QUARTER / 2),
  "%25".repeat(QUARTER / 3),
  "&#37;&#50;&#53;".repeat(QUARTER / 15),
  Buffer.from("password=Summer2024! ".repeat(QUARTER / 28)).toString("base64"),
  "ghp_aB3\n".repeat(QUARTER / 8),
  "the password is ".repeat(QUARTER / 16),
  "пароль: ".repeat(QUARTER / 8),
  "a (at) b (dot) ".repeat(QUARTER / 15),
  "../".repeat(QUARTER / 3),
  "0 12 34 56 78 ".repeat(QUARTER / 14),
  `${"QUFB".repeat(40)}\n`.repeat(QUARTER / 161),
  "AKIA0123456789ABCDEF ".repeat(QUARTER / 21),
];

describe("scanning hostile input", () => {
  it.each([
    ...hostile.map((text) => ["a megabyte", JSON.stringify(text.slice(0, 12)), text]),
    ...hostileToNormalise.map((text) => ["a quarter of a megabyte", JSON.stringify(text.slice(0, 12)), text]),
  ])(
    "completes on %s of %s… and still covers a token planted at its end",
    (_, __, text) => {
      const findings = scanText(`${text} ${planted}`, "description");
      expect(findings.at(-1)).toMatchObject({ kind: "SECRET", end: text.length + 1 + planted.length });
    },
  );
});

const fragments = [
  planted,
  "alice@example.com",
  "https://user:pa55word@10.0.0.1/x?token=8f7a6c5d4e3b2a19",
  "/etc/passwd",
  "+44 20 7946 0958",
  "4111 1111 1111 1111",
  "password=Summer2024!",
  "Authorization: Bearer ",
  "s3://bucket/key",
  "%40",
  // Pieces the normaliser and the decoders act on: invisible and look-alike characters, escapes, base64, spellings.
  "\u200B",
  "\u0440",
  "\uFF47",
  "\u0301",
  "%253D",
  "&#64;",
  "\\u0040",
  Buffer.from(planted).toString("base64"),
  planted.slice(0, 12),
  "(at)",
  " dot ",
  "пароль: ",
  "://",
  " ",
  ":",
  "=",
  "@",
  "/",
  ".",
  "\n",
];
/** Fragments joined by a separator each, as sentences, headers and lists join them. */
const joined = fc
  .array(fc.tuple(fc.constantFrom(...fragments), fc.constantFrom(" ", "\n", ", ", "; ", "(", ")", "\t")), { maxLength: 12 })
  .map((parts) => parts.flat().join(""));
const texts = fc.oneof(joined, fc.string());

describe("findings of any text", () => {
  it("are ordered, disjoint, inside the text and of the kind their rule reports", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const findings = scanText(text, "f");
        findings.forEach((finding, i) => {
          expect(finding.start).toBeGreaterThanOrEqual(i === 0 ? 0 : findings[i - 1].end);
          expect(finding.end).toBeGreaterThan(finding.start);
          expect(finding.end).toBeLessThanOrEqual(text.length);
          expect(SAFETY_RULES).toContain(finding.rule);
          expect(finding.kind).toBe(ruleKind(finding.rule as (typeof SAFETY_RULES)[number]));
        });
      }),
    );
  });

  it("are gone once redacted: no planted secret survives", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const redacted = redactText(text, scanText(text, "f"));
        expect(redacted).not.toContain(planted);
        expect(redacted).not.toContain("Summer2024!");
      }),
    );
  });
});
