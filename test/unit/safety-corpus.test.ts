import { describe, expect, it } from "vitest";
import { type SafetyFinding, scanText } from "../../src/domain/safety/index.js";
import { type Expectation, negatives as sharedNegatives, positives as sharedPositives, type Positive } from "../fixtures/safety-corpus.js";

/** A token-shaped string of `length` characters cycling through `alphabet`: no secret scanner takes the source for one. */
const cycle = (alphabet: string, length: number) => alphabet.repeat(Math.ceil(length / alphabet.length)).slice(0, length);
const secret = (rule: string, value: string): Expectation => ({ kind: "SECRET", rule, value });
const one = (expectation: Expectation, text: (value: string) => string): Positive => ({ text: text(expectation.value), expect: [expectation] });

// Misses found by a security review: dotted tokens taken for code, people's passwords below the entropy threshold,
// credentials in query parameters that are not named like secrets, and addresses hidden by percent-encoding.
const reviewPositives: Positive[] = [
  one(secret("google-oauth-token", `ya29.${cycle("a0AfH6SMBx3hL9Kq2Zr8TnV4", 150)}`), (v) => `curl -H "Authorization: Bearer ${v}" https://www.googleapis.com/drive/v3/files`),
  one(secret("vault-token", `hvs.${cycle("CAESIJlWh3G6NwGNhvuDUsV", 91)}`), (v) => `The job log prints VAULT_TOKEN: ${v} on every run.`),
  one(secret("authorization-header", `opq7.${cycle("Xk9mP2vL7qR4sT6uW8yZ0aB", 44)}`), (v) => `Authorization: Bearer ${v}`),
  one(secret("secret-assignment", "Passw0rd"), (v) => `The staging admin still logs in with password: ${v}`),
  one(secret("secret-assignment", "Welcome1"), (v) => `New accounts get the default password: ${v} and are never asked to change it.`),
  one(secret("secret-assignment", "Tr0ub4dor"), (v) => `.env is served publicly:\nDB_HOST=db\nDB_PASSWORD=${v}\n`),
  one(secret("secret-assignment", "letmein"), (v) => `docker-compose.yml sets PGPASSWORD=${v} for the backup job`),
  one(secret("secret-assignment", "Example2024!"), (v) => `The login form posts password=${v} over plain HTTP.`),
  one(secret("query-secret", "8f7a6c5d4e3b2a19"), (v) => `Session ids travel in URLs: https://shop.example.com/cart?session=${v}&step=2`),
  one(secret("query-secret", "SplxlOBeZQQYbYS6WxSbIA"), (v) => `The Referer leaks https://app.example.com/oauth/callback?code=${v}&state=af0ifjsl`),
  one(secret("query-secret", cycle("AbC1dEf2GhI3", 39)), (v) => `https://maps.example.com/api/staticmap?center=Berlin&key=${v}`),
  one(secret("query-secret", `${cycle("q8W7e6R5t4Y3", 43)}%3D`), (v) => `Thumbnail: https://media.example.com/t/1.png?sig=${v}`),
  { text: "Profile pages are public: https://shop.example.com/users/alice%40example.com/orders", expect: [{ kind: "PERSONAL_DATA", rule: "email", value: "alice%40example.com" }] },
];

// Near misses of the same rules: code, prose, stand-ins and ordinary parameters that must stay quiet.
const reviewNegatives: string[] = [
  "Authorization: Bearer header.payload.signature",
  "const token = req.body.token;",
  "secret: config.auth.clientSecret",
  "ya29 is the prefix of Google OAuth access tokens, hvs. that of Vault tokens",
  "password: required",
  "Password: 12 characters minimum, one digit",
  "password=change_me",
  "password=example-password",
  "DB_PASSWORD=${DB_PASSWORD:-}",
  "Pass: 42/50 checks",
  "https://shop.example.com/list?key=created_at&sort=desc",
  "https://shop.example.com/shipping?code=US-CA&session=new",
  "https://shop.example.com/status?code=200",
  "https://shop.example.com/wiki/Caf%C3%A9_Menu",
  "https://shop.example.com/files/report%202024%20Q1.pdf",
];

const positives = [...sharedPositives, ...reviewPositives];
const negatives = [...sharedNegatives, ...reviewNegatives];

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
