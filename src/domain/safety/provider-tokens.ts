import { detectPatterns, firstGroup, type PatternRule, type SpanOf, wholeMatch } from "./matching.js";
import type { Detection } from "./rules.js";

/** A whole-match span kept only when `accept` agrees with the matched text. */
const wholeIf =
  (accept: (value: string) => boolean): SpanOf =>
  (match) =>
    accept(match[0]) ? wholeMatch(match) : undefined;

const hasLetterAndDigit = (value: string) => /\d/.test(value) && /[A-Za-z]/.test(value);

/** A JWT's header must decode to a JSON object naming its algorithm; random dotted base64 does not. */
const isJwt = (token: string): boolean => {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf(".")), "base64url").toString("utf8"));
    return typeof header === "object" && header !== null && typeof (header as { alg?: unknown }).alg === "string";
  } catch {
    return false;
  }
};

/**
 * Provider token formats, after gitleaks' rules of the same names. Each is anchored on a boundary that the token's
 * own alphabet cannot cross, so a run of look-alike characters is tried once, not from every position.
 */
const PROVIDER_FORMATS: readonly PatternRule[] = [
  {
    rule: "private-key",
    // The body stops at the first `--`, so a header repeated a million times stays linear.
    pattern: /-----BEGIN[ A-Z0-9]{0,40} PRIVATE KEY(?: BLOCK)?-----((?:[^-]|-(?!-)){0,16384})(?:-----END[ A-Z0-9]{0,40} PRIVATE KEY(?: BLOCK)?-----)?/g,
    span: (match) => (/[A-Za-z0-9+/]{16}/.test(match[1]) ? wholeMatch(match) : undefined),
  },
  { rule: "aws-access-key-id", pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  {
    rule: "aws-secret-access-key",
    pattern:
      /(?<![A-Za-z0-9])(?:aws_?secret(?:_?access)?(?:_?key)?|secret_?access_?key)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    span: firstGroup(1),
  },
  { rule: "github-token", pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g },
  { rule: "gitlab-token", pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g },
  {
    rule: "slack-webhook",
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{20,200}/g,
  },
  { rule: "slack-token", pattern: /(?<![A-Za-z0-9-])xox[baprs]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])/g },
  { rule: "stripe-key", pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g },
  { rule: "google-api-key", pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  {
    rule: "anthropic-api-key",
    pattern: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|oat)\d{2}-[A-Za-z0-9_-]{80,200}(?![A-Za-z0-9_-])/g,
  },
  {
    rule: "openai-api-key",
    // Project/service keys, legacy keys with the `T3BlbkFJ` marker, and plain `sk-` + 32 to 64 mixed characters.
    pattern:
      /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,250}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{32,64})(?![A-Za-z0-9_-])/g,
    span: wholeIf(hasLetterAndDigit),
  },
  { rule: "npm-token", pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g },
  {
    rule: "google-oauth-token",
    // Service-account tokens hold dots of their own (`ya29.c.b0A…`); a sentence's final dot is not part of the token.
    pattern: /(?<![A-Za-z0-9_.-])ya29\.[A-Za-z0-9_.-]{20,4096}/g,
    span: (match) => {
      // A loop, not /\.+$/: that regex retries from every dot of a run, quadratic on a match of 4,000 dots.
      let length = match[0].length;
      while (match[0][length - 1] === ".") length--;
      return hasLetterAndDigit(match[0].slice(5, length)) ? [match.index, match.index + length] : undefined;
    },
  },
  {
    rule: "vault-token",
    // HashiCorp Vault service, batch and recovery tokens (Vault 1.10+); gitleaks requires 90+ characters, but a
    // truncated token in a log line is still a leak.
    pattern: /(?<![A-Za-z0-9_.-])hv[sbr]\.[A-Za-z0-9_-]{24,512}(?![A-Za-z0-9_-])/g,
    span: wholeIf(hasLetterAndDigit),
  },
  {
    rule: "jwt",
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2048}\.[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{0,2048}(?![A-Za-z0-9_-])/g,
    span: wholeIf(isJwt),
  },
];

/** Every provider-format token, private key and JWT in `text`. */
export function detectProviderTokens(text: string): Detection[] {
  return detectPatterns(text, PROVIDER_FORMATS);
}
