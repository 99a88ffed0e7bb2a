/** Characters of surrounding text an excerpt keeps on each side of the masked value. */
export const EXCERPT_CONTEXT = 12;

/**
 * A masked rendering of a sensitive value: its first characters (none under 12 characters, 2 under 24, 4 from
 * 24 on, so a prefix such as `ghp_` tells the reader what leaked) and its length, e.g. `ghp_…[40 chars]`.
 */
export function maskValue(value: string): string {
  const shown = value.length >= 24 ? 4 : value.length >= 12 ? 2 : 0;
  return `${value.slice(0, shown)}…[${value.length} chars]`;
}

/**
 * The excerpt of the span at `index` of `spans` (ordered, disjoint): up to {@link EXCERPT_CONTEXT} characters on each
 * side, never reaching into a neighbouring span, with whitespace collapsed, around the masked value.
 */
export function excerptOf(text: string, spans: readonly { start: number; end: number }[], index: number): string {
  const { start, end } = spans[index];
  const from = Math.max(start - EXCERPT_CONTEXT, spans[index - 1]?.end ?? 0);
  const to = Math.min(end + EXCERPT_CONTEXT, spans[index + 1]?.start ?? text.length);
  const context = (part: string) => part.replace(/\s+/g, " ");
  return `${context(text.slice(from, start))}${maskValue(text.slice(start, end))}${context(text.slice(end, to))}`;
}
