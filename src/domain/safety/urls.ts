import { allMatches, tokenLength } from "./matching.js";

/** A `scheme://...` token found in a text. */
export interface UrlToken {
  start: number;
  end: number;
  /** The token as written, trailing prose punctuation excluded. */
  raw: string;
  /** Lowercased scheme, without `://`. */
  scheme: string;
  /** The WHATWG parse (which normalises hosts such as `0x7f.1` to `127.0.0.1`), or null when it does not parse. */
  url: URL | null;
}

// Bounded so that a megabyte without whitespace costs one pass, not a quadratic one.
const URL_CANDIDATE = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,15}:\/\/[^\s<>"'`{}|\\^]{1,8192}/g;

/** Every `scheme://` URL in `text`, in order of appearance. */
export function findUrls(text: string): UrlToken[] {
  if (!text.includes("://")) return [];
  const tokens: UrlToken[] = [];
  for (const match of allMatches(URL_CANDIDATE, text)) {
    const raw = match[0].slice(0, tokenLength(match[0]));
    const schemeEnd = raw.indexOf("://");
    if (schemeEnd + 3 >= raw.length) continue;
    tokens.push({
      start: match.index,
      end: match.index + raw.length,
      raw,
      scheme: raw.slice(0, schemeEnd).toLowerCase(),
      url: parse(raw),
    });
  }
  return tokens;
}

const parse = (raw: string): URL | null => {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
};

/**
 * The span of the `user:password` part of a URL's authority, when it carries a password (`https://user:pass@host`).
 * Offsets are absolute in the scanned text.
 */
export function userinfoSpan(
  token: UrlToken,
): { start: number; end: number; userinfo: string; password: string } | undefined {
  const authorityStart = token.raw.indexOf("://") + 3;
  const authorityEnd = firstIndexOf(token.raw, "/?#", authorityStart);
  const at = token.raw.lastIndexOf("@", authorityEnd - 1);
  if (at < authorityStart) return undefined;
  const colon = token.raw.indexOf(":", authorityStart);
  if (colon === -1 || colon > at) return undefined;
  return {
    start: token.start + authorityStart,
    end: token.start + at,
    userinfo: token.raw.slice(authorityStart, at),
    password: token.raw.slice(colon + 1, at),
  };
}

/** Each `name=value` of a URL's query string, both raw (still encoded), with the value's absolute span. */
export function queryValues(token: UrlToken): { name: string; value: string; start: number; end: number }[] {
  const queryStart = token.raw.indexOf("?");
  if (queryStart === -1) return [];
  const queryEnd = firstIndexOf(token.raw, "#", queryStart);
  const values = [];
  let offset = queryStart + 1;
  for (const pair of token.raw.slice(queryStart + 1, queryEnd).split("&")) {
    const equals = pair.indexOf("=");
    if (equals !== -1) {
      const start = token.start + offset + equals + 1;
      const value = pair.slice(equals + 1);
      values.push({ name: pair.slice(0, equals), value, start, end: start + value.length });
    }
    offset += pair.length + 1;
  }
  return values;
}

/** Each non-empty segment of a URL's path (between `/`), raw (still encoded), with its absolute span. */
export function pathSegments(token: UrlToken): { segment: string; start: number; end: number }[] {
  const authorityStart = token.raw.indexOf("://") + 3;
  const pathStart = firstIndexOf(token.raw, "/?#", authorityStart);
  if (token.raw[pathStart] !== "/") return [];
  const pathEnd = firstIndexOf(token.raw, "?#", pathStart);
  const segments = [];
  let offset = pathStart + 1;
  for (const segment of token.raw.slice(pathStart + 1, pathEnd).split("/")) {
    if (segment.length > 0) segments.push({ segment, start: token.start + offset, end: token.start + offset + segment.length });
    offset += segment.length + 1;
  }
  return segments;
}

const firstIndexOf = (text: string, chars: string, from: number): number => {
  for (let i = from; i < text.length; i += 1) if (chars.includes(text[i])) return i;
  return text.length;
};

/** Whether `[start, end)` overlaps any of the (ordered) URL tokens. */
export function overlapsUrl(urls: readonly UrlToken[], start: number, end: number): boolean {
  let low = 0;
  let high = urls.length;
  // First token whose end lies after `start`; only it can overlap, since tokens do not overlap one another.
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (urls[mid].end <= start) low = mid + 1;
    else high = mid;
  }
  return low < urls.length && urls[low].start < end;
}

/**
 * `decodeURIComponent`; when the value is not valid percent-encoding as a whole, only its ASCII escapes (`%40`,
 * `%2F`) are decoded, so that one stray `%` or a broken multi-byte sequence cannot hide `alice%40example.com`.
 */
export function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/%([0-7][0-9A-Fa-f])/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
  }
}
