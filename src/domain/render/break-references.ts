const WORD_JOINER = "\u2060";

// Trackers turn these into notifications or cross-links when they render a description: @mentions (not e-mail
// addresses, which have a word character before the "@"), issue and merge-request numbers (#12, !12, GH-12), and
// GitLab's label, milestone, snippet and epic references (~bug, %"v1", $12, &12).
const REFERENCE_STARTS =
  /(?<![\p{L}\p{N}_])@(?=[\p{L}\p{N}_])|[#!$&](?=\p{N})|[~%](?=[\p{L}\p{N}_"])|\bGH-(?=\p{N})/giu;

/**
 * `text` with an invisible word joiner after each mention or reference trigger, so a tracker shows the same
 * characters but neither notifies anyone nor links another issue.
 */
export function breakReferences(text: string): string {
  return text.replace(REFERENCE_STARTS, (trigger) => trigger + WORD_JOINER);
}
