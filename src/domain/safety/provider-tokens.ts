import { detectPatterns, isAlphanumeric, type PatternRule, type SpanOf, wholeMatch } from "./matching.js";
import type { Detection, SafetyRule } from "./rules.js";
import { isPlaceholder } from "./values.js";

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
 * A provider token format: every token starts with one of `prefixes`, literally, and `body` (a regex source) matches
 * the rest. Tokens are found by one scan for all prefixes at once, then each format is tried where its prefix stands,
 * so that a hundred formats cost about one pass over the text; and a prefix left at the end of a line tells the
 * normaliser that the token may go on in the next one (see `normalise.ts`).
 */
interface TokenFormat {
  rule: SafetyRule;
  prefixes: readonly string[];
  body: string;
  /** A check of the whole token, e.g. that a random part is not a mask (`sk_live_xxxx`). */
  accept?: (token: string, body: string) => boolean;
  /** Characters that may not follow the token; defaults to letters and digits. */
  after?: string;
}

/**
 * Provider token formats with distinctive prefixes, ported from gitleaks' `config/gitleaks.toml` (rule ids in the
 * comments) and detect-secrets' plugins; a few vendors' documented formats that neither has yet are marked as such.
 * Lengths are gitleaks' where it states one, with room above it where vendors have lengthened their tokens: a longer
 * token is still a leak. One rule id per provider, whatever the kind of token.
 */
const FORMATS: readonly TokenFormat[] = [
  // aws-access-token; detect-secrets AWSKeyDetector.
  { rule: "aws-access-key-id", prefixes: ["AKIA", "ASIA", "ABIA", "ACCA"], body: "[A-Z0-9]{16}", after: "A-Z0-9" },
  { rule: "aws-access-key-id", prefixes: ["A3T"], body: "[A-Z0-9]{17}", after: "A-Z0-9" },
  // aws-amazon-bedrock-api-key-long-lived, aws-amazon-bedrock-api-key-short-lived.
  { rule: "aws-bedrock-api-key", prefixes: ["ABSK"], body: "[A-Za-z0-9+/]{109,269}={0,2}" },
  { rule: "aws-bedrock-api-key", prefixes: ["bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t"], body: "[A-Za-z0-9+/=]{20,2048}" },
  // github-pat, github-oauth, github-app-token, github-refresh-token, github-fine-grained-pat; detect-secrets
  // GitHubTokenDetector.
  { rule: "github-token", prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], body: "[A-Za-z0-9]{36,251}", after: "A-Za-z0-9_" },
  { rule: "github-token", prefixes: ["github_pat_"], body: "[A-Za-z0-9_]{22,255}" },
  // gitlab-pat, gitlab-pat-routable, gitlab-runner-authentication-token(-routable), gitlab-rrt, gitlab-deploy-token,
  // gitlab-scim-token, gitlab-feature-flag-client-token, gitlab-feed-token, gitlab-incoming-mail-token,
  // gitlab-kubernetes-agent-token, gitlab-oauth-app-secret, gitlab-ptt, gitlab-cicd-job-token; detect-secrets
  // GitLabTokenDetector.
  {
    rule: "gitlab-token",
    prefixes: ["glpat-", "glrt-", "GR1348941", "gldt-", "glsoat-", "glffct-", "glft-", "glimt-", "glagent-", "gloas-", "glptt-", "glcbt-"],
    body: "[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{9})?",
  },
  // slack-bot-token, slack-user-token, slack-app-token, slack-legacy-*, slack-config-*; detect-secrets SlackDetector.
  {
    rule: "slack-token",
    prefixes: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxe-", "xoxe.xoxb-", "xoxe.xoxp-", "xapp-"],
    body: "[A-Za-z0-9-]{10,250}",
  },
  // stripe-access-token; detect-secrets StripeDetector.
  {
    rule: "stripe-key",
    prefixes: ["sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_"],
    body: "[A-Za-z0-9]{10,247}",
    after: "A-Za-z0-9_",
  },
  // Stripe webhook signing secrets (Stripe's documented `whsec_` format; gitleaks has no rule for them).
  { rule: "stripe-webhook-secret", prefixes: ["whsec_"], body: "[A-Za-z0-9+/=]{24,128}" },
  // sendgrid-api-token; detect-secrets SendGridDetector.
  { rule: "sendgrid-api-key", prefixes: ["SG."], body: "[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{30,64}" },
  // twilio-api-key; detect-secrets TwilioKeyDetector.
  { rule: "twilio-api-key", prefixes: ["SK"], body: "[0-9a-fA-F]{32}" },
  // mailgun-private-api-token (gitleaks also wants the word "mailgun" nearby; `key-` and 32 hex digits suffice here).
  { rule: "mailgun-api-key", prefixes: ["key-"], body: "[0-9a-f]{32}", accept: (_, body) => hasLetterAndDigit(body) },
  // sendinblue-api-token.
  { rule: "sendinblue-api-key", prefixes: ["xkeysib-"], body: "[a-f0-9]{64}-[A-Za-z0-9]{16}" },
  // shopify-access-token, shopify-custom-access-token, shopify-private-app-access-token, shopify-shared-secret.
  { rule: "shopify-token", prefixes: ["shpat_", "shpca_", "shppa_", "shpss_"], body: "[a-fA-F0-9]{32}" },
  // square-access-token; detect-secrets SquareOAuthDetector.
  { rule: "square-token", prefixes: ["sq0atp-", "sq0csp-", "EAAA"], body: "[A-Za-z0-9_-]{22,60}", accept: (_, body) => hasLetterAndDigit(body) },
  // facebook-page-access-token.
  { rule: "facebook-access-token", prefixes: ["EAAM", "EAAC"], body: "[A-Za-z0-9]{100,400}" },
  // gcp-api-key.
  { rule: "google-api-key", prefixes: ["AIza"], body: "[0-9A-Za-z_-]{35}", after: "A-Za-z0-9_-" },
  // Google OAuth client secrets (Google's documented `GOCSPX-` format).
  { rule: "google-oauth-client-secret", prefixes: ["GOCSPX-"], body: "[A-Za-z0-9_-]{28}" },
  {
    rule: "google-oauth-token",
    // Service-account tokens hold dots of their own (`ya29.c.b0A…`); a sentence's final dot is not part of the
    // token (trimmed in `detectTokens`).
    prefixes: ["ya29."],
    body: "[A-Za-z0-9_.-]{20,4096}",
    accept: (_, body) => hasLetterAndDigit(body),
  },
  // anthropic-api-key, anthropic-admin-api-key.
  { rule: "anthropic-api-key", prefixes: ["sk-ant-"], body: "(?:api|admin|oat)\\d{2}-[A-Za-z0-9_-]{80,200}", after: "A-Za-z0-9_-" },
  {
    rule: "openai-api-key",
    // openai-api-key; detect-secrets OpenAIDetector: project/service keys, legacy keys with the `T3BlbkFJ` marker,
    // and plain `sk-` + 32 to 64 mixed characters.
    prefixes: ["sk-"],
    body: "(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,250}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{32,64})",
    accept: (_, body) => hasLetterAndDigit(body),
    after: "A-Za-z0-9_-",
  },
  // Groq, xAI and Replicate API keys (their documented formats), perplexity-api-key.
  { rule: "groq-api-key", prefixes: ["gsk_"], body: "[A-Za-z0-9]{48,56}" },
  { rule: "xai-api-key", prefixes: ["xai-"], body: "[A-Za-z0-9]{70,90}" },
  { rule: "perplexity-api-key", prefixes: ["pplx-"], body: "[A-Za-z0-9]{48}" },
  { rule: "replicate-token", prefixes: ["r8_"], body: "[A-Za-z0-9]{37}" },
  // huggingface-access-token, huggingface-organization-api-token.
  { rule: "huggingface-token", prefixes: ["hf_", "api_org_"], body: "[A-Za-z]{34}" },
  // npm-access-token; detect-secrets NpmDetector.
  { rule: "npm-token", prefixes: ["npm_"], body: "[A-Za-z0-9]{36}", after: "A-Za-z0-9_" },
  // pypi-upload-token; detect-secrets PypiTokenDetector.
  { rule: "pypi-token", prefixes: ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"], body: "[A-Za-z0-9_-]{50,1000}" },
  // rubygems-api-token, clojars-api-token.
  { rule: "rubygems-token", prefixes: ["rubygems_"], body: "[a-f0-9]{48}" },
  { rule: "clojars-token", prefixes: ["CLOJARS_"], body: "[A-Za-z0-9]{60}" },
  // Docker Hub access tokens (Docker's documented `dckr_pat_` / `dckr_oat_` formats).
  { rule: "docker-hub-token", prefixes: ["dckr_pat_", "dckr_oat_"], body: "[A-Za-z0-9_-]{24,64}" },
  // digitalocean-pat, digitalocean-access-token, digitalocean-refresh-token.
  { rule: "digitalocean-token", prefixes: ["dop_v1_", "doo_v1_", "dor_v1_"], body: "[a-f0-9]{64}" },
  // heroku-api-key-v2.
  { rule: "heroku-api-key", prefixes: ["HRKU-AA"], body: "[A-Za-z0-9_-]{58}" },
  // atlassian-api-token (its ATATT3 form).
  { rule: "atlassian-api-token", prefixes: ["ATATT3"], body: "[A-Za-z0-9_=-]{100,300}" },
  // Bitbucket app passwords (Atlassian's documented `ATBB` format).
  { rule: "bitbucket-app-password", prefixes: ["ATBB"], body: "[A-Za-z0-9_=.-]{28,64}" },
  // alibaba-access-key-id.
  { rule: "alibaba-access-key-id", prefixes: ["LTAI"], body: "[A-Za-z0-9]{20}", accept: (_, body) => hasLetterAndDigit(body) },
  // cloudflare-origin-ca-key.
  { rule: "cloudflare-origin-ca-key", prefixes: ["v1.0-"], body: "[a-f0-9]{24}-[a-f0-9]{146}" },
  // databricks-api-token, dynatrace-api-token.
  { rule: "databricks-token", prefixes: ["dapi"], body: "[a-f0-9]{32}(?:-\\d)?" },
  { rule: "dynatrace-token", prefixes: ["dt0c01."], body: "[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}" },
  // new-relic-user-api-key, new-relic-browser-api-token, new-relic-insert-key.
  { rule: "new-relic-key", prefixes: ["NRAK-"], body: "[A-Za-z0-9]{27}" },
  { rule: "new-relic-key", prefixes: ["NRJS-"], body: "[a-f0-9]{19}" },
  { rule: "new-relic-key", prefixes: ["NRII-"], body: "[A-Za-z0-9-]{32}" },
  // grafana-cloud-api-token, grafana-service-account-token, grafana-api-key.
  { rule: "grafana-token", prefixes: ["glc_"], body: "[A-Za-z0-9+/]{32,400}={0,3}" },
  { rule: "grafana-token", prefixes: ["glsa_"], body: "[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}" },
  { rule: "grafana-token", prefixes: ["eyJrIjoi"], body: "[A-Za-z0-9]{70,400}={0,3}" },
  // sentry-org-token, sentry-user-token.
  { rule: "sentry-token", prefixes: ["sntrys_eyJ"], body: "[A-Za-z0-9+/=_]{60,600}" },
  { rule: "sentry-token", prefixes: ["sntryu_"], body: "[a-f0-9]{64}" },
  // postman-api-token, doppler-api-token (and Doppler's other documented token kinds), linear-api-key.
  { rule: "postman-api-key", prefixes: ["PMAK-"], body: "[a-fA-F0-9]{24}-[a-fA-F0-9]{34}" },
  { rule: "doppler-token", prefixes: ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."], body: "[A-Za-z0-9]{40,44}" },
  { rule: "linear-api-key", prefixes: ["lin_api_"], body: "[A-Za-z0-9]{40}" },
  // notion-api-token, airtable-personnal-access-token, Figma personal access tokens (Figma's documented `figd_`).
  { rule: "notion-token", prefixes: ["ntn_"], body: "\\d{11}[A-Za-z0-9]{35}" },
  { rule: "airtable-token", prefixes: ["pat"], body: "[A-Za-z0-9]{14}\\.[a-f0-9]{64}" },
  { rule: "figma-token", prefixes: ["figd_"], body: "[A-Za-z0-9_-]{40,48}" },
  // planetscale-api-token, planetscale-password, planetscale-oauth-token; Supabase (documented `sbp_`);
  // pulumi-api-token.
  { rule: "planetscale-token", prefixes: ["pscale_tkn_", "pscale_pw_", "pscale_oauth_"], body: "[A-Za-z0-9_=.-]{32,64}" },
  { rule: "supabase-token", prefixes: ["sbp_"], body: "[a-f0-9]{40}" },
  { rule: "pulumi-token", prefixes: ["pul-"], body: "[a-f0-9]{40}" },
  {
    // vault-service-token, vault-batch-token: HashiCorp Vault service, batch and recovery tokens (Vault 1.10+); gitleaks
    // requires 90+ characters, but a truncated token in a log line is still a leak.
    rule: "vault-token",
    prefixes: ["hvs.", "hvb.", "hvr."],
    body: "[A-Za-z0-9_-]{24,512}",
    accept: (_, body) => hasLetterAndDigit(body),
    after: "A-Za-z0-9_-",
  },
  // 1password-service-account-token, 1password-secret-key.
  { rule: "onepassword-token", prefixes: ["ops_eyJ"], body: "[A-Za-z0-9+/]{250,4096}={0,3}" },
  {
    rule: "onepassword-token",
    prefixes: ["A3-"],
    body: "[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
  },
  // age-secret-key.
  { rule: "age-secret-key", prefixes: ["AGE-SECRET-KEY-1"], body: "[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}" },
  // artifactory-api-key, artifactory-reference-token; detect-secrets ArtifactoryDetector.
  { rule: "artifactory-token", prefixes: ["AKCp"], body: "[A-Za-z0-9]{69}" },
  { rule: "artifactory-token", prefixes: ["cmVmd"], body: "[A-Za-z0-9]{59}" },
  // easypost-api-token, easypost-test-api-token, flutterwave-secret-key, flutterwave-encryption-key,
  // frameio-api-token, flyio-access-token, harness-api-key, infracost-api-token.
  { rule: "easypost-token", prefixes: ["EZAK", "EZTK"], body: "[A-Za-z0-9]{54}" },
  { rule: "flutterwave-key", prefixes: ["FLWSECK_TEST-", "FLWSECK-"], body: "[a-hA-H0-9]{12,32}(?:-X)?" },
  { rule: "frameio-token", prefixes: ["fio-u-"], body: "[A-Za-z0-9_=-]{64}" },
  { rule: "flyio-token", prefixes: ["fo1_"], body: "[A-Za-z0-9_-]{43}" },
  { rule: "flyio-token", prefixes: ["fm1a_", "fm1r_", "fm2_"], body: "[A-Za-z0-9+/]{100,4096}={0,3}" },
  { rule: "harness-token", prefixes: ["pat.", "sat."], body: "[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}" },
  { rule: "infracost-token", prefixes: ["ico-"], body: "[A-Za-z0-9]{32}" },
  // octopus-deploy-api-key, openshift-user-token, prefect-api-token, readme-api-token, scalingo-api-token,
  // settlemint-*-access-token, sourcegraph-access-token, typeform-api-token, duffel-api-token, adobe-client-secret,
  // shippo-api-token.
  { rule: "octopus-deploy-key", prefixes: ["API-"], body: "[A-Z0-9]{26}", accept: (_, body) => hasLetterAndDigit(body) },
  { rule: "openshift-token", prefixes: ["sha256~"], body: "[A-Za-z0-9_-]{43}" },
  { rule: "prefect-token", prefixes: ["pnu_"], body: "[A-Za-z0-9]{36}" },
  { rule: "readme-token", prefixes: ["rdme_"], body: "[a-z0-9]{70}" },
  { rule: "scalingo-token", prefixes: ["tk-us-"], body: "[A-Za-z0-9_-]{48}" },
  { rule: "settlemint-token", prefixes: ["sm_aat_", "sm_pat_", "sm_sat_"], body: "[A-Za-z0-9]{16}" },
  { rule: "sourcegraph-token", prefixes: ["sgp_"], body: "(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}" },
  { rule: "typeform-token", prefixes: ["tfp_"], body: "[A-Za-z0-9_.=-]{59}" },
  { rule: "duffel-token", prefixes: ["duffel_test_", "duffel_live_"], body: "[A-Za-z0-9_=-]{43}" },
  { rule: "adobe-client-secret", prefixes: ["p8e-"], body: "[A-Za-z0-9]{32}" },
  { rule: "shippo-token", prefixes: ["shippo_live_", "shippo_test_"], body: "[a-fA-F0-9]{40}" },
  // Tailscale, Buildkite, CircleCI and Netlify tokens (their documented formats), Mapbox secret tokens (`sk.eyJ`).
  { rule: "tailscale-key", prefixes: ["tskey-"], body: "(?:auth|api|client|webhook|scim)-[A-Za-z0-9_-]{16,128}" },
  { rule: "buildkite-token", prefixes: ["bkua_"], body: "[a-f0-9]{40}" },
  { rule: "circleci-token", prefixes: ["CCIPAT_"], body: "[A-Za-z0-9_]{40,80}" },
  { rule: "netlify-token", prefixes: ["nfp_"], body: "[A-Za-z0-9]{36,40}" },
  { rule: "mapbox-secret-token", prefixes: ["sk.eyJ"], body: "[A-Za-z0-9_-]{40,400}\\.[A-Za-z0-9_-]{20,100}" },
  // jwt; detect-secrets JwtTokenDetector.
  {
    rule: "jwt",
    prefixes: ["eyJ"],
    body: "[A-Za-z0-9_-]{8,2048}\\.[A-Za-z0-9_-]{2,8192}\\.[A-Za-z0-9_-]{0,2048}",
    accept: (token) => isJwt(token),
    after: "A-Za-z0-9_-",
  },
];

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");

interface CompiledFormat {
  format: TokenFormat;
  /** Sticky: tried at a prefix's position. */
  pattern: RegExp;
}

const compiled: CompiledFormat[] = FORMATS.map((format) => ({
  format,
  pattern: new RegExp(`(?:${format.prefixes.map(escapeRegex).join("|")})(?:${format.body})(?![${format.after ?? "A-Za-z0-9"}])`, "y"),
}));

const PREFIXES = [...new Set(FORMATS.flatMap((format) => format.prefixes))].sort((a, b) => b.length - a.length);
/** Prefixes by their first two characters (as one number), longest first: a word's start is looked up, not matched. */
const PREFIXES_BY_START = new Map<number, string[]>();
const startOf = (text: string, index: number) => (text.charCodeAt(index) << 16) | text.charCodeAt(index + 1);
for (const prefix of PREFIXES) {
  const start = startOf(prefix, 0);
  PREFIXES_BY_START.set(start, [...(PREFIXES_BY_START.get(start) ?? []), prefix]);
}

/**
 * The first prefix of a format at or after `from` where no letter or digit stands right before it (a token starts a
 * word: `ghp_` in `xghp_…` is not one), or undefined. Longer prefixes win, so `sk-ant-` is found rather than `sk-`.
 * A loop and a table rather than one regex of a hundred alternatives: it runs on every text, and costs half as much.
 */
export function nextPrefix(text: string, from: number): { index: number; prefix: string } | undefined {
  let previous = from > 0 && isAlphanumeric(text.charCodeAt(from - 1));
  for (let i = from; i < text.length - 1; i += 1) {
    const alphanumeric = isAlphanumeric(text.charCodeAt(i));
    if (alphanumeric && !previous) {
      const candidates = PREFIXES_BY_START.get(startOf(text, i));
      if (candidates) {
        for (const prefix of candidates) if (text.startsWith(prefix, i)) return { index: i, prefix };
      }
    }
    previous = alphanumeric;
  }
  return undefined;
}

// The formats to try for a matched prefix: those with that prefix or a shorter one it starts with (`sk-ant-…` that is
// not an Anthropic key may still be an OpenAI one), longest first.
const formatsByPrefix = new Map(
  PREFIXES.map((prefix) => [
    prefix,
    compiled
      .filter(({ format }) => format.prefixes.some((other) => prefix.startsWith(other)))
      .sort((a, b) => longestPrefixOf(b.format, prefix) - longestPrefixOf(a.format, prefix)),
  ]),
);

function longestPrefixOf(format: TokenFormat, prefix: string): number {
  return Math.max(...format.prefixes.filter((other) => prefix.startsWith(other)).map((other) => other.length));
}

/**
 * The provider token starting at `index` (where {@link nextPrefix} found `prefix`): its rule, or none when no
 * format accepts what follows, and the end of the longest run a format matched there (trailing dots, a sentence's
 * full stop, left out). A rejected run is not searched again for prefixes inside it: `ya29.ya29.ya29.…` costs one
 * pass, not one per prefix.
 */
export function tokenAt(text: string, index: number, prefix: string): { rule?: SafetyRule; end: number } {
  let end = index + prefix.length;
  for (const { format, pattern } of formatsByPrefix.get(prefix) ?? []) {
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) continue;
    let token = match[0];
    while (token.endsWith(".")) token = token.slice(0, -1);
    end = Math.max(end, index + token.length);
    const body = token.slice(format.prefixes.find((candidate) => token.startsWith(candidate))!.length);
    if (isPlaceholder(body) || (format.accept && !format.accept(token, body))) continue;
    return { rule: format.rule, end: index + token.length };
  }
  return { end };
}

/** Every prefixed provider token in `text`. */
function detectTokens(text: string): Detection[] {
  const detections: Detection[] = [];
  let from = 0;
  for (let found = nextPrefix(text, from); found; found = nextPrefix(text, from)) {
    const { rule, end } = tokenAt(text, found.index, found.prefix);
    if (rule) detections.push({ rule, start: found.index, end });
    from = end;
  }
  return detections;
}

/** A whole-match span kept only when `accept` agrees with the matched text. */
const wholeIf =
  (accept: (value: string) => boolean): SpanOf =>
  (match) =>
    accept(match[0]) ? wholeMatch(match) : undefined;

/** Formats without a prefix of their own: keys framed by markers, webhook URLs, tokens shaped by their separators. */
const FRAMED_FORMATS: readonly (PatternRule & { guard: string })[] = [
  {
    rule: "private-key",
    guard: "PRIVATE KEY",
    // private-key; detect-secrets PrivateKeyDetector (PKCS#1/#8, EC, DSA, OpenSSH, PGP and SSH2 armour). The body
    // stops at the first `--`, so a header repeated a million times stays linear.
    pattern:
      /-{4,5} ?BEGIN[ A-Z0-9]{0,40} PRIVATE KEY(?: BLOCK)? ?-{4,5}((?:[^-]|-(?!-)){0,16384})(?:-{4,5} ?END[ A-Z0-9]{0,40} PRIVATE KEY(?: BLOCK)? ?-{4,5})?/g,
    span: (match) => (/[A-Za-z0-9+/]{16}/.test(match[1]) ? wholeMatch(match) : undefined),
  },
  {
    rule: "private-key",
    guard: "PuTTY-User-Key-File-",
    // detect-secrets PrivateKeyDetector's PuTTY entry: the header through the private lines and their MAC.
    pattern: /PuTTY-User-Key-File-\d:(?:[^P]|P(?!rivate-MAC:)){0,16384}(?:Private-MAC:[ \t]*[0-9a-fA-F]{0,128})?/g,
  },
  {
    rule: "aws-secret-access-key",
    guard: "ecret",
    pattern:
      /(?<![A-Za-z0-9])(?:aws_?secret(?:_?access)?(?:_?key)?|secret_?access_?key)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    span: (match) => match.indices?.[1],
  },
  // slack-webhook-url.
  { rule: "slack-webhook", guard: "hooks.slack.com", pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{20,200}/g },
  // microsoft-teams-webhook.
  { rule: "teams-webhook", guard: "webhook.office.com", pattern: /https:\/\/[A-Za-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2\/[A-Za-z0-9@/_-]{40,400}/g },
  // Discord webhooks (their documented URL form): the URL's last segment is the credential.
  {
    rule: "discord-webhook",
    guard: "/api/webhooks/",
    pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{40,100}/g,
  },
  // detect-secrets MailchimpDetector (gitleaks mailchimp-api-key).
  { rule: "mailchimp-api-key", guard: "-us", pattern: /(?<![A-Za-z0-9])[0-9a-f]{32}-us\d{1,2}(?![A-Za-z0-9])/g },
  // azure-ad-client-secret.
  { rule: "azure-ad-client-secret", guard: "Q~", pattern: /(?<![\w~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![\w~.-])/g },
  // hashicorp-tf-api-token.
  { rule: "terraform-token", guard: "atlasv1", pattern: /(?<![A-Za-z0-9])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9])/g },
  // detect-secrets DiscordBotTokenDetector.
  {
    rule: "discord-bot-token",
    guard: ".",
    pattern: /(?<![\w-])[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}(?![\w-])/g,
    span: wholeIf(hasLetterAndDigit),
  },
  // detect-secrets TelegramBotTokenDetector (gitleaks telegram-bot-api-token).
  { rule: "telegram-bot-token", guard: ":", pattern: /(?<![\w:])\d{8,10}:[A-Za-z0-9_-]{35}(?![\w-])/g, span: wholeIf(hasLetterAndDigit) },
];

/** A secret access key: 40 base64 characters, mixing cases and digits as generated keys do. */
const AWS_SECRET_CANDIDATE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const AWS_KEY_PAIR_REACH = 200;

/**
 * A bare secret access key written next to its access key id (`AKIA… wJalr…`, a CSV row, `id:secret`): without a
 * key naming it, the neighbourhood of the id is what tells. Within {@link AWS_KEY_PAIR_REACH} characters either side.
 */
function detectAwsKeyPairs(text: string, ids: readonly Detection[]): Detection[] {
  const detections: Detection[] = [];
  for (const id of ids) {
    if (id.rule !== "aws-access-key-id") continue;
    const from = Math.max(0, id.start - AWS_KEY_PAIR_REACH);
    const window = text.slice(from, id.end + AWS_KEY_PAIR_REACH);
    AWS_SECRET_CANDIDATE.lastIndex = 0;
    for (let match = AWS_SECRET_CANDIDATE.exec(window); match; match = AWS_SECRET_CANDIDATE.exec(window)) {
      const value = match[0];
      if (/[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value)) {
        const start = from + match.index;
        detections.push({ rule: "aws-secret-access-key", start, end: start + value.length });
      }
    }
  }
  return detections;
}

/** Every provider-format token, private key, webhook URL and JWT in `text`. */
export function detectProviderTokens(text: string): Detection[] {
  const tokens = detectTokens(text);
  const framed = detectPatterns(
    text,
    FRAMED_FORMATS.filter(({ guard }) => text.includes(guard)),
  );
  return [...tokens, ...framed, ...detectAwsKeyPairs(text, tokens)];
}
