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
  ["github-token", SafetyFindingKind.SECRET],
  ["gitlab-token", SafetyFindingKind.SECRET],
  ["slack-webhook", SafetyFindingKind.SECRET],
  ["slack-token", SafetyFindingKind.SECRET],
  ["stripe-key", SafetyFindingKind.SECRET],
  ["google-api-key", SafetyFindingKind.SECRET],
  ["anthropic-api-key", SafetyFindingKind.SECRET],
  ["openai-api-key", SafetyFindingKind.SECRET],
  ["npm-token", SafetyFindingKind.SECRET],
  ["google-oauth-token", SafetyFindingKind.SECRET],
  ["vault-token", SafetyFindingKind.SECRET],
  ["jwt", SafetyFindingKind.SECRET],
  ["url-credentials", SafetyFindingKind.SECRET],
  ["authorization-header", SafetyFindingKind.SECRET],
  ["cookie-value", SafetyFindingKind.SECRET],
  ["secret-assignment", SafetyFindingKind.SECRET],
  ["query-secret", SafetyFindingKind.SECRET],
  ["credit-card", SafetyFindingKind.PERSONAL_DATA],
  ["iban", SafetyFindingKind.PERSONAL_DATA],
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
