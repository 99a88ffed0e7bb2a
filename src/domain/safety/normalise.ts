import { createRequire } from "node:module";
import { nextPrefix, tokenAt } from "./provider-tokens.js";
import { TextView, type ViewBuilder } from "./text-view.js";

/**
 * Unicode's confusables (confusables.txt, as the unhomoglyph package ships it): each character that looks like one
 * ASCII letter, mapped to it (Cyrillic `р` to `p`, Greek `Κ` to `K`, Cherokee `Ꭺ` to `A`). The skeleton writes every
 * I-like letter as `l`; an upper-case one is read as `I` here, so that `АКІА` folds to `AKIA`. Digits of other scripts
 * keep their value (a number is not a letter that looks like it). Greek `χ` and `κ` and Cyrillic `к`, which the
 * skeletons keep apart from `x` and `k`, are added.
 */
const CONFUSABLES = (() => {
  const data = createRequire(import.meta.url)("unhomoglyph/data.json") as Record<string, string>;
  const map = new Map<number, string>();
  for (const [source, target] of Object.entries(data)) {
    const code = source.codePointAt(0)!;
    const single = code >= 0x80 && String.fromCodePoint(code) === source;
    if (!single || !/^[A-Za-z0-9]$/.test(target) || /\p{Nd}/u.test(source)) continue;
    map.set(code, target === "l" && source !== source.toLowerCase() ? "I" : target);
  }
  // Letters that pass for ASCII in most fonts but that confusables.txt leaves to their own skeletons.
  for (const [source, target] of [["\u03C7", "x"], ["\u03BA", "k"], ["\u043A", "k"]]) {
    map.set(source.codePointAt(0)!, target);
  }
  return map;
})();

/**
 * Characters that show nothing: format characters (Unicode Cf: soft hyphen, zero-width space, joiners, word joiner,
 * byte order mark, bidirectional controls, tags), the combining grapheme joiner, Hangul fillers and variation
 * selectors. Written inside a token they hide it from a pattern while the reader (and the tracker) still sees it.
 */
const INVISIBLE = /^(?:[\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0]|[\u{E0100}-\u{E01EF}])$/u;
const MARK = /^\p{M}$/u;
const LINE_SEPARATORS = new Set([0x85, 0x2028, 0x2029]);
const NON_ASCII = /[^\x00-\x7F]/;
const ASCII_ALNUM = /[A-Za-z0-9]/;

/** Folded forms of code points seen so far; bounded, so that a text of a million distinct characters cannot grow it. */
const folded = new Map<number, string>();
const FOLDED_CACHE_LIMIT = 8_192;

/** A code point as the scanner reads it: nothing when invisible, NFKC, then its ASCII look-alike if it has one. */
function foldCodePoint(code: number): string {
  const known = folded.get(code);
  if (known !== undefined) return known;
  const char = String.fromCodePoint(code);
  // Look-alike first: NFKC would turn some into other letters (Greek lunate sigma `ϲ`, a `c`, into final sigma `ς`).
  const result = INVISIBLE.test(char)
    ? ""
    : LINE_SEPARATORS.has(code)
      ? "\n"
      : (CONFUSABLES.get(code) ?? lookAlike(char.normalize("NFKC")));
  if (folded.size < FOLDED_CACHE_LIMIT) folded.set(code, result);
  return result;
}

/** The ASCII look-alike of a single character, or the text itself. */
const lookAlike = (text: string): string => {
  const code = text.codePointAt(0)!;
  return text.length === String.fromCodePoint(code).length ? (CONFUSABLES.get(code) ?? text) : text;
};

/**
 * The characters of `source` as the scanner reads them: invisible characters removed, NFKC applied (full-width
 * `ｇｈｐ＿` is `ghp_`, mathematical `𝐀𝐊𝐈𝐀` is `AKIA`), look-alikes of other scripts folded to ASCII (see
 * {@link CONFUSABLES}), and combining marks on an ASCII letter dropped (`g̲h̲p̲_`). A letter with its marks is normalised
 * as one (`ハ` and `゚` make `パ`). ASCII text comes back as it is.
 */
export function foldCharacters(source: TextView): TextView {
  const text = source.text;
  if (!NON_ASCII.test(text)) return source;
  const view = TextView.builder(source);
  let previous = "";
  let i = 0;
  while (i < text.length) {
    let ascii = i;
    while (ascii < text.length && text.charCodeAt(ascii) < 0x80) ascii += 1;
    if (ascii > i) {
      view.copy(i, ascii);
      previous = text[ascii - 1];
      i = ascii;
      continue;
    }
    const code = text.codePointAt(i)!;
    let end = i + (code > 0xffff ? 2 : 1);
    if (MARK.test(String.fromCodePoint(code))) {
      // A mark with no letter of its own here: on an ASCII letter it only disguises it.
      if (!ASCII_ALNUM.test(previous)) view.add(foldCodePoint(code), i, end);
      i = end;
      continue;
    }
    const base = foldCodePoint(code);
    const start = end;
    for (let next = text.codePointAt(end); next !== undefined && MARK.test(String.fromCodePoint(next)); next = text.codePointAt(end)) {
      end += next > 0xffff ? 2 : 1;
    }
    // An invisible character takes its marks with it; a letter with marks is normalised with them.
    let part = base === "" || end === start ? base : lookAlike(text.slice(i, end).normalize("NFKC"));
    if (ASCII_ALNUM.test(part[0] ?? "")) part = part.replace(/\p{M}/gu, "");
    view.add(part, i, end);
    if (part.length > 0) previous = part[part.length - 1];
    i = end;
  }
  return view.build();
}

/** A line break inside a token: an optional shell continuation `\`, indentation, and e-mail quoting on the next line. */
const LINE_BREAK = /\\?[ \t]*\r?\n[ \t>]*/y;
const TOKEN_RUN = /[A-Za-z0-9_+/=.~-]*/y;
/** Most line breaks one token is joined across. */
const MAX_JOINED_LINES = 16;

const runEnd = (text: string, from: number): number => {
  TOKEN_RUN.lastIndex = from;
  TOKEN_RUN.exec(text);
  return TOKEN_RUN.lastIndex;
};

/**
 * Whether the start of a line reads as a word of prose rather than the rest of a random token: letters only,
 * capitalised at most, with a vowel and no run of four consonants (`The`, `in`, `rotate`; not `qR4s`, `xkcdwz`).
 */
const readsAsWord = (part: string): boolean =>
  /^[A-Za-z][a-z]*$/.test(part) && /[aeiouy]/i.test(part) && !/[b-df-hj-np-tv-xz]{4}/i.test(part);

/**
 * Joins tokens split across lines where a provider token prefix is recognised (`ghp_aB3…` at the end of a line, its
 * rest on the next): the break is left out of the view, so the token's pattern sees it whole and its finding covers
 * both lines. A line's token is continued on the next while it is incomplete for its format, or while the next line
 * starts with what does not read as a word ({@link readsAsWord}). A complete token followed by a line that starts
 * with random-looking characters is joined to them: over-redacting a stray word is the safe side.
 */
export function joinSplitTokens(source: TextView): TextView {
  const text = source.text;
  if (!text.includes("\n")) return source;
  const breaks: [number, number][] = [];
  let from = 0;
  for (let found = nextPrefix(text, from); found; found = nextPrefix(text, from)) {
    const { index, prefix } = found;
    let end = runEnd(text, index + prefix.length);
    let token = text.slice(index, end);
    for (let lines = 0; lines < MAX_JOINED_LINES; lines += 1) {
      LINE_BREAK.lastIndex = end;
      const lineBreak = LINE_BREAK.exec(text);
      if (!lineBreak) break;
      const restStart = end + lineBreak[0].length;
      const restEnd = runEnd(text, restStart);
      const rest = text.slice(restStart, restEnd);
      if (!/[A-Za-z0-9]/.test(rest)) break;
      const whole = tokenAt(token, 0, prefix);
      const complete = whole.rule !== undefined && whole.end === token.length;
      // A hexadecimal token goes on in hexadecimal letters (`…e6821e` and `de`), which may read as a word.
      const hexadecimal = /^[0-9a-f-]+$/i.test(token.slice(prefix.length)) && /^[0-9a-f]+$/i.test(rest);
      if (complete && readsAsWord(rest) && !hexadecimal) break;
      breaks.push([end, restStart]);
      token += rest;
      end = restEnd;
    }
    from = end;
  }
  if (breaks.length === 0) return source;
  const view = TextView.builder(source);
  let cursor = 0;
  for (const [start, end] of breaks) {
    view.copy(cursor, start);
    cursor = end;
  }
  view.copy(cursor, text.length);
  return view.build();
}

/** The text as the scanner reads it: characters folded ({@link foldCharacters}), split tokens joined. */
export function normalise(text: string): TextView {
  return joinSplitTokens(foldCharacters(new TextView(text)));
}

/**
 * Defanged and spelled-out separators: `[.]`, `(dot)`, `{.}`, `[at]`, `(@)`, `[:]`, as threat reports and
 * harvest-shy addresses write them (`10[.]0[.]0[.]1`, `alice (at) example (dot) com`). Spaces around them go too.
 */
const DEFANGED = /[ \t]*[(\[{<][ \t]*(?:[Aa][Tt]|[Dd][Oo][Tt]|[.@:])[ \t]*[)\]}>][ \t]*/;
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  commat: "@",
  period: ".",
  colon: ":",
  sol: "/",
  bsol: "\\",
  lowbar: "_",
  hyphen: "-",
  equals: "=",
  num: "#",
  percnt: "%",
  plus: "+",
};
const ESCAPE = new RegExp(
  [
    "(?:%[0-9A-Fa-f]{2})+",
    "&#[xX][0-9A-Fa-f]{1,6};?",
    "&#\\d{1,7};?",
    `&(?:${Object.keys(NAMED_ENTITIES).join("|")});`,
    "\\\\u[0-9A-Fa-f]{4}",
    "\\\\u\\{[0-9A-Fa-f]{1,6}\\}",
    "\\\\x[0-9A-Fa-f]{2}",
    "\\\\/",
    DEFANGED.source,
    "h[xX]{2}p(?=s?:)",
  ].join("|"),
  "g",
);
/** Most rounds of decoding: `%25253D` is `=` encoded three times. */
const MAX_DECODING_ROUNDS = 3;

const fromCode = (code: number): string => (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD");

/** One escape (or run of percent-escapes) decoded, with the original span of each character it produced. */
function decodeEscape(escape: string, start: number, view: ViewBuilder): void {
  const end = start + escape.length;
  if (escape.startsWith("%")) {
    const bytes = new Uint8Array(escape.length / 3);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(escape.slice(i * 3 + 1, i * 3 + 3), 16);
    // Bytes of ASCII map one by one onto their escapes; a multi-byte character onto the whole run.
    if (bytes.every((byte) => byte < 0x80)) {
      bytes.forEach((byte, i) => view.add(String.fromCharCode(byte), start + i * 3, start + i * 3 + 3));
    } else {
      view.add(Buffer.from(bytes).toString("utf8"), start, end);
    }
  } else if (escape.startsWith("&#")) {
    const hex = /^&#[xX]/.test(escape);
    view.add(fromCode(parseInt(escape.slice(hex ? 3 : 2).replace(";", ""), hex ? 16 : 10)), start, end);
  } else if (escape.startsWith("&")) {
    view.add(NAMED_ENTITIES[escape.slice(1, -1)], start, end);
  } else if (escape === "\\/") {
    view.add("/", start, end);
  } else if (/^h[xX]/.test(escape)) {
    view.add("http", start, end);
  } else if (!escape.startsWith("\\")) {
    const inner = escape.replace(/[^A-Za-z.@:]/g, "").toLowerCase();
    view.add(inner === "at" || inner === "@" ? "@" : inner === ":" ? ":" : ".", start, end);
  } else {
    view.add(fromCode(parseInt(escape.replace(/^\\[ux]\{?|\}$/g, ""), 16)), start, end);
  }
}

const MAY_HOLD_ESCAPES = new RegExp(`[%&\\\\]|h[xX]{2}p|[(\\[{<][ \\t]*(?:[Aa][Tt]|[Dd][Oo][Tt]|[.@:])[ \\t]*[)\\]}>]`);

/**
 * The text with its escapes decoded, as many rounds as it takes (at most {@link MAX_DECODING_ROUNDS}): percent-encoding
 * (`token%253D…` is `token=…` encoded twice), HTML character references (`&#64;`, `&commat;`), the backslash escapes
 * of JSON and JavaScript (`\u0040`, `\x40`, `\/`), and defanged or spelled-out separators ({@link DEFANGED},
 * `hxxp://`); then its characters folded again, since decoding can produce invisible characters and look-alikes.
 * Undefined when the text holds none.
 */
export function decodeEscapes(source: TextView): TextView | undefined {
  if (!MAY_HOLD_ESCAPES.test(source.text)) return undefined;
  let current = source;
  for (let round = 0; round < MAX_DECODING_ROUNDS; round += 1) {
    const text = current.text;
    ESCAPE.lastIndex = 0;
    let match = ESCAPE.exec(text);
    if (!match) break;
    const view = TextView.builder(current);
    let cursor = 0;
    for (; match; match = ESCAPE.exec(text)) {
      view.copy(cursor, match.index);
      decodeEscape(match[0], match.index, view);
      cursor = match.index + match[0].length;
    }
    view.copy(cursor, text.length);
    current = view.build();
  }
  return current === source ? undefined : foldCharacters(current);
}
