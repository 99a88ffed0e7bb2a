/**
 * The evidence-safety scanner: finds secrets, private artifact paths and personal data in the exported fields of a
 * source, masks them in excerpts, redacts them on request and keeps only evidence-safe links.
 */
export { maskValue } from "./excerpt.js";
export { redactionMarker, redactText } from "./redact.js";
export { SAFETY_RULES, type SafetyRule, ruleKind } from "./rules.js";
export { type SafetyFinding, scanText } from "./scan.js";
export {
  blockingFindings,
  isRedactable,
  partitionEvidenceLinks,
  redactSource,
  scanSource,
  SOURCE_ID_FIELD,
  SOURCE_ID_REMEDY,
} from "./source.js";
export {
  isCodeReference,
  isPlaceholder,
  MIN_PASSWORD_LENGTH,
  MIN_SECRET_LENGTH,
  SECRET_ENTROPY_THRESHOLD,
  shannonEntropy,
} from "./values.js";
