import type { SafetyFinding } from "./scan.js";

/** The text that replaces a finding's span, e.g. `[redacted:secret]`. */
export const redactionMarker = (finding: Pick<SafetyFinding, "kind">): string =>
  `[redacted:${finding.kind.toLowerCase()}]`;

/**
 * Replaces each finding's span with `[redacted:<kind>]` (kind lowercased e.g. [redacted:secret],
 * [redacted:private_artifact_path], [redacted:personal_data]). Findings may come in any order; overlapping ones
 * are redacted once, under the kind of the earliest. Spans past the end of `text` are clipped.
 */
export function redactText(text: string, findings: readonly SafetyFinding[]): string {
  const ordered = [...findings].sort((a, b) => a.start - b.start);
  let output = "";
  let cursor = 0;
  for (const finding of ordered) {
    const end = Math.min(finding.end, text.length);
    if (end <= cursor) continue;
    if (finding.start >= cursor) output += text.slice(cursor, finding.start) + redactionMarker(finding);
    cursor = end;
  }
  return output + text.slice(cursor);
}
