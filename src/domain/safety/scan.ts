import type { SafetyFindingKind } from "../vocabulary.js";
import { detectArtifactUrls, detectBareArtifacts } from "./artifacts.js";
import { detectBase64Runs, detectKeyBodies } from "./encoded.js";
import { excerptOf } from "./excerpt.js";
import { mergeDetections } from "./merge.js";
import { decodeEscapes, foldCharacters, joinSplitTokens } from "./normalise.js";
import { detectPersonalData } from "./personal.js";
import { type Detection, ruleKind, ruleRank } from "./rules.js";
import { TextView } from "./text-view.js";
import { detectSecrets } from "./secrets.js";
import { decodeSafely, findUrls, pathSegments, queryValues, type UrlToken } from "./urls.js";

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
 * Scans one text; `field` is carried into findings. The text is read normalised (see `normalise.ts`: invisible
 * characters removed, NFKC, look-alikes folded, tokens split across lines joined) and again with its escapes decoded;
 * findings always cover the original characters, so redaction removes what was written. Overlapping findings are
 * merged keeping the most specific rule (e.g. a github token inside an Authorization header reports once) over the
 * union of their spans. Findings come ordered by position and never overlap.
 */
export function scanText(text: string, field: string): SafetyFinding[] {
  const spans = mergeDetections(detectInText(text, 0));
  return spans.map((span, index) => ({
    field,
    kind: ruleKind(span.rule),
    rule: span.rule,
    excerpt: excerptOf(text, spans, index),
    start: span.start,
    end: span.end,
  }));
}

/**
 * How many times a part of a text is decoded and scanned again inside another: a query value, a path segment or a
 * base64 run, within one of those. Each level scans a part of the level above, so the cost stays linear.
 */
const MAX_DEPTH = 2;

/**
 * Every detection in `text`, on the original characters: read normalised, and again with escapes decoded. Where split
 * tokens were joined, the lines are also read apart: a token glued to an incomplete one on the line before (`ghp_x`
 * then `ghp_…` on the next line) no longer starts a word in the joined reading.
 */
function detectInText(text: string, depth: number): Detection[] {
  const folded = foldCharacters(new TextView(text));
  const joined = joinSplitTokens(folded);
  const readings = [joined, ...(joined === folded ? [] : [folded]), decodeEscapes(joined)];
  return readings.flatMap((view) => (view ? view.toOriginal(detectAll(view.text, depth)) : []));
}

function detectAll(text: string, depth: number): Detection[] {
  const urls = findUrls(text);
  const detections = [
    ...detectSecrets(text, urls),
    ...detectPersonalData(text, urls),
    ...detectArtifactUrls(urls),
    ...detectBareArtifacts(text, urls),
    ...detectKeyBodies(text),
  ];
  if (depth < MAX_DEPTH) {
    const nested = (part: string) => detectInText(part, depth + 1);
    detections.push(...detectInQueryValues(urls, nested), ...detectInEncodedPaths(urls, nested));
    detections.push(...detectBase64Runs(text, nested, strongest));
  }
  return detections;
}

/** The most specific of `inner`, moved onto `[start, end)`; undefined when there is none. */
function strongest(inner: readonly Detection[], start: number, end: number): Detection | undefined {
  if (inner.length === 0) return undefined;
  const best = inner.reduce((a, b) => (ruleRank(b.rule) < ruleRank(a.rule) ? b : a));
  return { rule: best.rule, start, end };
}

/**
 * A short run of letters, digits, `_` and `-` (`page=2`, `q=term-12`): nothing found in it alone would not be found in
 * the URL around it (a card number or an IBAN is), and scanning it again costs as much as a short text.
 */
const PLAIN_WORD = /^[A-Za-z0-9_-]{0,15}$/;

/**
 * Query values are scanned on their own: text inside a URL is otherwise judged only as part of that URL, so
 * `?file=/etc/passwd` or `?next=http://10.0.0.7/admin` would pass as a public URL. Percent-encoded values
 * (`?email=alice%40example.com`) are decoded once first, and the value is then scanned like any text (so decoded
 * further, see {@link detectInText}); whatever a value holds flags it as written.
 */
function detectInQueryValues(urls: readonly UrlToken[], scan: (part: string) => Detection[]): Detection[] {
  const detections: Detection[] = [];
  for (const token of urls) {
    for (const { value, start, end } of queryValues(token)) {
      if (PLAIN_WORD.test(value)) continue;
      const found = strongest(scan(value.includes("%") ? decodeSafely(value.replace(/\+/g, " ")) : value), start, end);
      if (found) detections.push(found);
    }
  }
  return detections;
}

/**
 * Percent-encoded path segments are scanned decoded, like query values: a plain `/users/alice@example.com` is found
 * in the text itself, but `/users/alice%40example.com` shows no `@` until decoded. Segments without `%` read the same
 * either way and are skipped. A finding flags the whole encoded segment, which redaction then replaces.
 */
function detectInEncodedPaths(urls: readonly UrlToken[], scan: (part: string) => Detection[]): Detection[] {
  const detections: Detection[] = [];
  for (const token of urls) {
    for (const { segment, start, end } of pathSegments(token)) {
      if (!segment.includes("%")) continue;
      const found = strongest(scan(decodeSafely(segment)), start, end);
      if (found) detections.push(found);
    }
  }
  return detections;
}
