import { type CountryCode, findNumbers, parsePhoneNumberFromString } from "libphonenumber-js/max";
import validator from "validator";
import { allMatches } from "./matching.js";
import type { Detection } from "./rules.js";
import { TextView } from "./text-view.js";
import { type UrlToken, userinfoSpan } from "./urls.js";

// Letters and digits of any script: addresses may be internationalised (`jörg@müller.de`, `почта@пример.рф`).
const EMAIL_CANDIDATE =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}][\p{L}\p{N}._%+-]{0,63}@(?:[\p{L}\p{N}-]{1,63}\.){1,8}(\p{L}{2,24})(?![\p{L}\p{N}-])/gu;
/** `logo@2x.png`: retina asset names look like addresses. */
const FILE_EXTENSION_TLDS = new Set([
  ...["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "tiff"],
  ...["css", "js", "json", "map"],
]);

/**
 * Email addresses, confirmed by validator's `isEmail` (which takes internationalised addresses), and addresses
 * spelled out in words to escape harvesters ({@link detectSpelledEmails}). Skipped: retina asset names (`logo@2x.png`),
 * scp-style remotes (`git@github.com:org/repo.git`), which name no person, and the `password@host` tail of a URL's
 * credentials, which the URL-credentials rule reports.
 */
function detectEmails(text: string, urls: readonly UrlToken[]): Detection[] {
  if (!text.includes("@")) return detectSpelledEmails(text);
  const userinfos = urls.flatMap((token) => userinfoSpan(token) ?? []);
  const detections: Detection[] = detectSpelledEmails(text);
  for (const { start, end } of emailsIn(text)) {
    const inCredentials = userinfos.some((userinfo) => start >= userinfo.start && start < userinfo.end);
    if (!inCredentials) detections.push({ rule: "email", start, end });
  }
  return detections;
}

/** Spans of the addresses written plainly in `text`. */
function emailsIn(text: string): { start: number; end: number }[] {
  const spans = [];
  for (const match of allMatches(EMAIL_CANDIDATE, text)) {
    const end = match.index + match[0].length;
    const scpRemote = text[end] === ":" && /\S/.test(text[end + 1] ?? "");
    const assetName = FILE_EXTENSION_TLDS.has(match[1].toLowerCase());
    if (!scpRemote && !assetName && validator.isEmail(match[0])) spans.push({ start: match.index, end });
  }
  return spans;
}

/** ` at ` and ` dot ` as words. */
const WORD_SPELLING = /[ \t]+(at|dot)[ \t]+/gi;
const SPELLED_DOT = /[ \t]dot[ \t]/i;

/**
 * Addresses spelled out in words: `alice at example dot com`, `bob AT shop DOT org` (bracketed spellings such as
 * `alice (at) example (dot) com` are decoded with the escapes, see `decodeEscapes`). The words are read as `@` and `.`
 * in a view of the text, which the email pattern then searches; an address found there counts only when a dot is
 * spelled in it too, since `look at example.com` is a sentence.
 */
function detectSpelledEmails(text: string): Detection[] {
  if (!SPELLED_DOT.test(text)) return [];
  const view = TextView.builder(new TextView(text));
  let cursor = 0;
  for (const match of allMatches(WORD_SPELLING, text)) {
    view.copy(cursor, match.index);
    view.add(match[1].toLowerCase() === "at" ? "@" : ".", match.index, match.index + match[0].length);
    cursor = match.index + match[0].length;
  }
  view.copy(cursor, text.length);
  const read = view.build();
  return read
    .toOriginal(emailsIn(read.text).map(({ start, end }) => ({ rule: "email" as const, start, end })))
    .filter(({ start, end }) => SPELLED_DOT.test(text.slice(start, end)));
}

// Only numbers written in international form (a leading `+`) are candidates: without a country code a digit run is
// as likely an order number, a date or an id as a phone number, and no single default region fits every customer.
const PHONE_CANDIDATE = /(?<![\w+])\+[ \t]?\(?\d[\d \t().-]{5,24}\d(?!\d)/g;

/** E.164 numbers carry at least 7 digits, country code included. (A candidate may run on into a date: no maximum.) */
const MIN_PHONE_DIGITS = 7;
/**
 * Candidates confirmed by libphonenumber per text (about 0.2 ms each). Past it, a text is a wall of phone-like
 * numbers, and the rest count as phone numbers unconfirmed: a hostile field cannot make a scan take seconds, and
 * over-reporting is the safe side.
 */
export const MAX_PHONE_CONFIRMATIONS = 16;

/**
 * Phone numbers in international format, each candidate confirmed by libphonenumber (full metadata, `VALID`
 * leniency) up to MAX_PHONE_CONFIRMATIONS per text. Versions, dates and addresses never start with `+`, and a
 * candidate with too few digits for a phone number is dropped before libphonenumber runs.
 */
function detectPhoneNumbers(text: string, budget: { confirmations: number }): Detection[] {
  if (!text.includes("+")) return [];
  const detections: Detection[] = [];
  for (const match of allMatches(PHONE_CANDIDATE, text)) {
    if (match[0].replace(/\D/g, "").length < MIN_PHONE_DIGITS) continue;
    if (++budget.confirmations > MAX_PHONE_CONFIRMATIONS) {
      detections.push({ rule: "phone-number", start: match.index, end: match.index + match[0].length });
      continue;
    }
    for (const found of findNumbers(match[0], { v2: true })) {
      detections.push({ rule: "phone-number", start: match.index + found.startsAt, end: match.index + found.endsAt });
    }
  }
  return detections;
}

/**
 * Numbers written as people write their own national numbers: an area code in parentheses (`(415) 555-2671`,
 * `(030) 901820`), a trunk `0` and groups (`020 7946 0958`, `06 12 34 56 78`, `07911 123456`), or North American
 * groups (`415-555-2671`, `1-415-555-2671`, `415.555.2671`). Groups are of 2 to 8 digits with one separator between
 * them; a run of digits without any (`0123456789`) is as likely an id as a number and is not a candidate.
 */
const NATIONAL_PHONE_CANDIDATE =
  /(?<![\w+.\/:#=-])(?:\(0?\d{2,5}\)[ .-]?\d{2,8}|0\d{1,4}[ .\/-]\d{2,8}|(?:1[ .-])?[2-9]\d{2}[.-][2-9]\d{2})(?:[ .-]\d{2,4}){0,4}(?![\w\/:]|[.,-]\d)/g;
const DATE_SHAPE = /^(?:\d{1,2}([./-])\d{1,2}\1\d{2,4}|\d{4}-\d{2}-\d{2})$/;
/** National numbers carry 7 to 12 digits, trunk prefix included. */
const NATIONAL_DIGITS = { min: 7, max: 12 } as const;
/** Where a number with a trunk `0` is tried: regions whose plans leave few other numbers valid. */
const TRUNK_ZERO_REGIONS: readonly CountryCode[] = ["GB", "DE", "FR", "NL", "BE", "CH", "SE", "AU", "JP"];

/**
 * National phone numbers without a country code ({@link NATIONAL_PHONE_CANDIDATE}), confirmed by libphonenumber in the
 * region their shape suggests: North American groups in the NANP, a trunk `0` in {@link TRUNK_ZERO_REGIONS}. Dates
 * are not candidates. Confirmations share the text's budget; past it, candidates count unconfirmed.
 */
function detectNationalPhoneNumbers(text: string, budget: { confirmations: number }): Detection[] {
  const detections: Detection[] = [];
  for (const match of allMatches(NATIONAL_PHONE_CANDIDATE, text)) {
    const digits = match[0].replace(/\D/g, "").length;
    if (digits < NATIONAL_DIGITS.min || digits > NATIONAL_DIGITS.max || DATE_SHAPE.test(match[0])) continue;
    const regions: readonly CountryCode[] = /^\(?0/.test(match[0]) ? TRUNK_ZERO_REGIONS : ["US"];
    const confirmed =
      ++budget.confirmations > MAX_PHONE_CONFIRMATIONS ||
      regions.some((region) => parsePhoneNumberFromString(match[0], region)?.isValid() === true);
    if (confirmed) detections.push({ rule: "phone-number", start: match.index, end: match.index + match[0].length });
  }
  return detections;
}

// Separators may only sit between digits, so each run is tried from its first digit and backtracks a bounded amount.
const CARD_CANDIDATE = /(?<![\d.+-])\d(?:[ .-]?\d){12,18}(?![\d]|[.-]\d)/g;
/** Issuer prefixes and lengths: Visa, Mastercard, Amex, Discover, JCB, Diners Club, UnionPay. */
const CARD_ISSUERS: readonly [RegExp, readonly number[]][] = [
  [/^4/, [13, 16, 19]],
  [/^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, [16]],
  [/^3[47]/, [15]],
  [/^(?:6011|64[4-9]|65|622)/, [16, 17, 18, 19]],
  [/^35(?:2[89]|[3-8]\d)/, [16, 17, 18, 19]],
  [/^3(?:0[0-5]|[689])/, [14, 15, 16, 17, 18, 19]],
  [/^62/, [16, 17, 18, 19]],
];

/** Whether a digit string passes the Luhn checksum. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Card numbers: 13 to 19 digits with one kind of separator at most (space, dash or dot), a known issuer prefix and
 * length, Luhn-valid.
 */
function detectCards(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of allMatches(CARD_CANDIDATE, text)) {
    const digits = match[0].replace(/[ .-]/g, "");
    const oneSeparatorKind = new Set(match[0].replace(/\d/g, "")).size <= 1;
    const issued = CARD_ISSUERS.some(([prefix, lengths]) => prefix.test(digits) && lengths.includes(digits.length));
    if (oneSeparatorKind && issued && luhnValid(digits)) {
      detections.push({ rule: "credit-card", start: match.index, end: match.index + match[0].length });
    }
  }
  return detections;
}

const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])/g;

/**
 * IBANs, electronic (`DE89370400440532013000`, in any case) or printed in groups (`DE89 3704 0044 0532 0130 00`, or
 * with dashes), confirmed by validator's `isIBAN` (country format and mod-97). A candidate that swallowed a following
 * upper-case word (`... 0130 00 BIC ...`) is retried without its trailing groups.
 */
function detectIbans(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of allMatches(IBAN_CANDIDATE, text)) {
    for (let candidate = match[0]; candidate.length >= 15; candidate = candidate.slice(0, candidate.search(/[ -][^ -]*$/))) {
      if (validator.isIBAN(candidate.replace(/[ -]/g, "").toUpperCase())) {
        detections.push({ rule: "iban", start: match.index, end: match.index + candidate.length });
        break;
      }
      if (!/[ -]/.test(candidate)) break;
    }
  }
  return detections;
}

/**
 * US social security numbers: `123-45-6789` or `123 45 6789` with the Social Security Administration's rules (no area
 * 000, 666 or 9xx, no group 00, no serial 0000), and nine digits in a row after `SSN` or `social security number`.
 */
const SSN = /(?<![\w-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w-])/g;
const KEYED_SSN = /\b(?:ssn|social[ \t]+security(?:[ \t]+(?:number|no\.?))?)[ \t]*[:#=]?[ \t]*(?!000|666|9\d\d)(\d{9})\b/dgi;

function detectSsns(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of allMatches(SSN, text)) {
    detections.push({ rule: "us-ssn", start: match.index, end: match.index + match[0].length });
  }
  for (const match of allMatches(KEYED_SSN, text)) {
    const [start, end] = match.indices![1];
    detections.push({ rule: "us-ssn", start, end });
  }
  return detections;
}

/**
 * Every piece of personal data in `text`: email addresses, phone numbers (international and national), card numbers,
 * IBANs and US social security numbers.
 */
export function detectPersonalData(text: string, urls: readonly UrlToken[]): Detection[] {
  const phones = { confirmations: 0 };
  return [
    ...detectEmails(text, urls),
    ...detectPhoneNumbers(text, phones),
    ...detectNationalPhoneNumbers(text, phones),
    ...detectCards(text),
    ...detectIbans(text),
    ...detectSsns(text),
  ];
}
