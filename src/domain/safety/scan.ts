import type { SafetyFindingKind } from "../vocabulary.js";
import { detectArtifactUrls, detectBareArtifacts } from "./artifacts.js";
import { excerptOf } from "./excerpt.js";
import { mergeDetections } from "./merge.js";
import { detectPersonalData } from "./personal.js";
import { type Detection, ruleKind, ruleRank } from "./rules.js";
import { detectSecrets } from "./secrets.js";
import { decodeSafely, findUrls, queryValues, type UrlToken } from "./urls.js";

/** Something in an exported field that must not leave the service as written. */
export interface SafetyFinding {
  /** Which field of the source, e.g. `title`, `labels[0]`, `evidenceLinks[1].url`. */
  field: string;
  kind: SafetyFindingKind;
  /** Stable rule id, e.g. `github-token`, `presigned-url`, `email` (see `SAFETY_RULES`). */
  rule: string;
  /** Surrounding text with the value masked (`token=ghp_…[40 chars] in`); never holds the value itself. */
  excerpt: string;
  /** Offsets of the flagged span in the field's text; `end` is exclusive. */
  start: number;
  end: number;
}

/**
 * Scans one text; `field` is carried into findings. Overlapping findings are merged keeping the most specific rule
 * (e.g. a github token inside an Authorization header reports once) over the union of their spans. Findings come
 * ordered by position and never overlap.
 */
export function scanText(text: string, field: string): SafetyFinding[] {
  const spans = mergeDetections(detectAll(text, true));
  return spans.map((span, index) => ({
    field,
    kind: ruleKind(span.rule),
    rule: span.rule,
    excerpt: excerptOf(text, spans, index),
    start: span.start,
    end: span.end,
  }));
}

function detectAll(text: string, decodeQueries: boolean): Detection[] {
  const urls = findUrls(text);
  const detections = [
    ...detectSecrets(text, urls),
    ...detectPersonalData(text, urls),
    ...detectArtifactUrls(urls),
    ...detectBareArtifacts(text, urls),
  ];
  if (decodeQueries) detections.push(...detectInQueryValues(urls));
  return detections;
}

/**
 * Query values are scanned on their own: text inside a URL is otherwise judged only as part of that URL, so
 * `?file=/etc/passwd` or `?next=http://10.0.0.7/admin` would pass as a public URL. Percent-encoded values
 * (`?email=alice%40example.com`) are decoded once first; whatever a value holds flags it as written. One level only:
 * a value encoded twice is an obfuscation the scanner does not chase.
 */
function detectInQueryValues(urls: readonly UrlToken[]): Detection[] {
  const detections: Detection[] = [];
  for (const token of urls) {
    for (const { value, start, end } of queryValues(token)) {
      const inner = detectAll(value.includes("%") ? decodeSafely(value.replace(/\+/g, " ")) : value, false);
      if (inner.length === 0) continue;
      const best = inner.reduce((a, b) => (ruleRank(b.rule) < ruleRank(a.rule) ? b : a));
      detections.push({ rule: best.rule, start, end });
    }
  }
  return detections;
}
