import type { Detection, SafetyRule } from "./rules.js";

/** A span resolver: where in a match the sensitive part lies, or undefined to reject the match. */
export type SpanOf = (match: RegExpExecArray) => readonly [number, number] | undefined;

/** A rule found by one precompiled global regex, optionally narrowed or vetoed by `span`. */
export interface PatternRule {
  rule: SafetyRule;
  pattern: RegExp;
  /** Defaults to the whole match. */
  span?: SpanOf;
}

/** Whether a UTF-16 code unit is an ASCII letter or digit. */
export const isAlphanumeric = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** The whole match as a span. */
export const wholeMatch: SpanOf = (match) => [match.index, match.index + match[0].length];

/**
 * The span of the first capture group among `groups` that took part in the match. The pattern must carry the `d`
 * flag so that group indices are recorded.
 */
export const firstGroup =
  (...groups: number[]): SpanOf =>
  (match) => {
    for (const group of groups) {
      const span = match.indices?.[group];
      if (span) return span;
    }
    return undefined;
  };

/**
 * Every match of a global regex in `text`, collected before returning so that the shared `lastIndex` is free again
 * for a nested scan. Used instead of `matchAll`, which clones the regex on every call: with a few dozen patterns run
 * on every field of every source, the clones cost more than the matching.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    matches.push(match);
    if (match[0].length === 0) pattern.lastIndex += 1;
  }
  return matches;
}

/** Runs pattern rules over `text`. */
export function detectPatterns(text: string, rules: readonly PatternRule[]): Detection[] {
  const detections: Detection[] = [];
  for (const { rule, pattern, span = wholeMatch } of rules) {
    for (const match of allMatches(pattern, text)) {
      const found = span(match);
      if (found) detections.push({ rule, start: found[0], end: found[1] });
    }
  }
  return detections;
}

const TRAILING_PUNCTUATION = /[.,;:!?'"*]/;
const OPENER_OF: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/**
 * How many characters of a token taken greedily from prose belong to it: trailing sentence punctuation and
 * closing brackets without an opening partner inside the token (`(see /tmp/x)`) are left out.
 */
export function tokenLength(token: string): number {
  const tally = new Map<string, number>();
  for (const char of token) if ("()[]{}".includes(char)) tally.set(char, (tally.get(char) ?? 0) + 1);
  let end = token.length;
  while (end > 0) {
    const last = token[end - 1];
    const opener = OPENER_OF[last];
    if (opener !== undefined && (tally.get(last) ?? 0) > (tally.get(opener) ?? 0)) {
      tally.set(last, tally.get(last)! - 1);
    } else if (!TRAILING_PUNCTUATION.test(last)) {
      break;
    }
    end -= 1;
  }
  return end;
}
