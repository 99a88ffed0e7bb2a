import { SafetyFindingKind } from "../vocabulary.js";

/**
 * Every rule the scanner reports, most specific first. When findings overlap, the one listed earlier wins: a
 * provider-format secret beats a generic one (a GitHub token inside an Authorization header reports as
 * `github-token`), any secret beats personal data, and personal data beats a private artifact path, so the
 * surviving finding names the most harmful thing in the span. One exception leads the list: a presigned URL is
 * reported as such even though its query holds key ids and credentials, because that names the whole span best
 * (the URL itself is the bearer credential).
 */
const catalogue = [
  ["presigned-url", SafetyFindingKind.PRIVATE_ARTIFACT_PATH],
  ["private-key", SafetyFindingKind.SECRET],
  ["aws-access-key-id", SafetyFindingKind.SECRET],
  ["aws-secret-access-key", SafetyFindingKind.SECRET],
  // Provider token formats (provider-tokens.ts), then generic secrets judged by their context.
  ["aws-bedrock-api-key", SafetyFindingKind.SECRET],
  ["github-token", SafetyFindingKind.SECRET],
  ["gitlab-token", SafetyFindingKind.SECRET],
  ["slack-webhook", SafetyFindingKind.SECRET],
  ["teams-webhook", SafetyFindingKind.SECRET],
  ["discord-webhook", SafetyFindingKind.SECRET],
  ["slack-token", SafetyFindingKind.SECRET],
  ["stripe-key", SafetyFindingKind.SECRET],
  ["stripe-webhook-secret", SafetyFindingKind.SECRET],
  ["sendgrid-api-key", SafetyFindingKind.SECRET],
  ["twilio-api-key", SafetyFindingKind.SECRET],
  ["mailgun-api-key", SafetyFindingKind.SECRET],
  ["mailchimp-api-key", SafetyFindingKind.SECRET],
  ["sendinblue-api-key", SafetyFindingKind.SECRET],
  ["shopify-token", SafetyFindingKind.SECRET],
  ["square-token", SafetyFindingKind.SECRET],
  ["facebook-access-token", SafetyFindingKind.SECRET],
  ["google-api-key", SafetyFindingKind.SECRET],
  ["google-oauth-client-secret", SafetyFindingKind.SECRET],
  ["google-oauth-token", SafetyFindingKind.SECRET],
  ["anthropic-api-key", SafetyFindingKind.SECRET],
  ["openai-api-key", SafetyFindingKind.SECRET],
  ["groq-api-key", SafetyFindingKind.SECRET],
  ["xai-api-key", SafetyFindingKind.SECRET],
  ["perplexity-api-key", SafetyFindingKind.SECRET],
  ["replicate-token", SafetyFindingKind.SECRET],
  ["huggingface-token", SafetyFindingKind.SECRET],
  ["npm-token", SafetyFindingKind.SECRET],
  ["pypi-token", SafetyFindingKind.SECRET],
  ["rubygems-token", SafetyFindingKind.SECRET],
  ["clojars-token", SafetyFindingKind.SECRET],
  ["docker-hub-token", SafetyFindingKind.SECRET],
  ["digitalocean-token", SafetyFindingKind.SECRET],
  ["heroku-api-key", SafetyFindingKind.SECRET],
  ["atlassian-api-token", SafetyFindingKind.SECRET],
  ["bitbucket-app-password", SafetyFindingKind.SECRET],
  ["azure-ad-client-secret", SafetyFindingKind.SECRET],
  ["alibaba-access-key-id", SafetyFindingKind.SECRET],
  ["cloudflare-origin-ca-key", SafetyFindingKind.SECRET],
  ["databricks-token", SafetyFindingKind.SECRET],
  ["dynatrace-token", SafetyFindingKind.SECRET],
  ["new-relic-key", SafetyFindingKind.SECRET],
  ["grafana-token", SafetyFindingKind.SECRET],
  ["sentry-token", SafetyFindingKind.SECRET],
  ["postman-api-key", SafetyFindingKind.SECRET],
  ["doppler-token", SafetyFindingKind.SECRET],
  ["linear-api-key", SafetyFindingKind.SECRET],
  ["notion-token", SafetyFindingKind.SECRET],
  ["airtable-token", SafetyFindingKind.SECRET],
  ["figma-token", SafetyFindingKind.SECRET],
  ["planetscale-token", SafetyFindingKind.SECRET],
  ["supabase-token", SafetyFindingKind.SECRET],
  ["pulumi-token", SafetyFindingKind.SECRET],
  ["terraform-token", SafetyFindingKind.SECRET],
  ["vault-token", SafetyFindingKind.SECRET],
  ["onepassword-token", SafetyFindingKind.SECRET],
  ["age-secret-key", SafetyFindingKind.SECRET],
  ["artifactory-token", SafetyFindingKind.SECRET],
  ["easypost-token", SafetyFindingKind.SECRET],
  ["flutterwave-key", SafetyFindingKind.SECRET],
  ["frameio-token", SafetyFindingKind.SECRET],
  ["flyio-token", SafetyFindingKind.SECRET],
  ["harness-token", SafetyFindingKind.SECRET],
  ["infracost-token", SafetyFindingKind.SECRET],
  ["octopus-deploy-key", SafetyFindingKind.SECRET],
  ["openshift-token", SafetyFindingKind.SECRET],
  ["prefect-token", SafetyFindingKind.SECRET],
  ["readme-token", SafetyFindingKind.SECRET],
  ["scalingo-token", SafetyFindingKind.SECRET],
  ["settlemint-token", SafetyFindingKind.SECRET],
  ["sourcegraph-token", SafetyFindingKind.SECRET],
  ["typeform-token", SafetyFindingKind.SECRET],
  ["duffel-token", SafetyFindingKind.SECRET],
  ["adobe-client-secret", SafetyFindingKind.SECRET],
  ["shippo-token", SafetyFindingKind.SECRET],
  ["tailscale-key", SafetyFindingKind.SECRET],
  ["buildkite-token", SafetyFindingKind.SECRET],
  ["circleci-token", SafetyFindingKind.SECRET],
  ["netlify-token", SafetyFindingKind.SECRET],
  ["mapbox-secret-token", SafetyFindingKind.SECRET],
  ["discord-bot-token", SafetyFindingKind.SECRET],
  ["telegram-bot-token", SafetyFindingKind.SECRET],
  ["jwt", SafetyFindingKind.SECRET],
  ["url-credentials", SafetyFindingKind.SECRET],
  ["authorization-header", SafetyFindingKind.SECRET],
  ["cli-credentials", SafetyFindingKind.SECRET],
  ["cookie-value", SafetyFindingKind.SECRET],
  ["secret-assignment", SafetyFindingKind.SECRET],
  ["query-secret", SafetyFindingKind.SECRET],
  ["high-entropy-assignment", SafetyFindingKind.SECRET],
  ["credit-card", SafetyFindingKind.PERSONAL_DATA],
  ["iban", SafetyFindingKind.PERSONAL_DATA],
  ["us-ssn", SafetyFindingKind.PERSONAL_DATA],
  ["email", SafetyFindingKind.PERSONAL_DATA],
  ["phone-number", SafetyFindingKind.PERSONAL_DATA],
  ["object-store-url", SafetyFindingKind.PRIVATE_ARTIFACT_PATH],
  ["file-url", SafetyFindingKind.PRIVATE_ARTIFACT_PATH],
  ["internal-host", SafetyFindingKind.PRIVATE_ARTIFACT_PATH],
  ["private-ip", SafetyFindingKind.PRIVATE_ARTIFACT_PATH],
  ["file-path", SafetyFindingKind.PRIVATE_ARTIFACT_PATH],
] as const;

export type SafetyRule = (typeof catalogue)[number][0];

/** All rule ids, most specific first. */
export const SAFETY_RULES: readonly SafetyRule[] = catalogue.map(([rule]) => rule);

const kinds = new Map<SafetyRule, SafetyFindingKind>(catalogue);
const ranks = new Map<SafetyRule, number>(catalogue.map(([rule], index) => [rule, index]));

/** The kind a rule reports under. */
export const ruleKind = (rule: SafetyRule): SafetyFindingKind => kinds.get(rule)!;

/** Lower is more specific; used to pick the survivor among overlapping findings. */
export const ruleRank = (rule: SafetyRule): number => ranks.get(rule)!;

/** A span of the scanned text that one rule flags; `end` is exclusive. */
export interface Detection {
  rule: SafetyRule;
  start: number;
  end: number;
}
