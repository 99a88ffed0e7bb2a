import { findNumbers } from "libphonenumber-js/max";
import validator from "validator";
import { allMatches } from "./matching.js";
import type { Detection } from "./rules.js";
import { type UrlToken, userinfoSpan } from "./urls.js";

const EMAIL_CANDIDATE =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,8}([A-Za-z]{2,24})(?![A-Za-z0-9-])/g;
/** `logo@2x.png`: retina asset names look like addresses. */
const FILE_EXTENSION_TLDS = new Set([
  ...["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "tiff"],
  ...["css", "js", "json", "map"],
]);

/**
 * Email addresses, confirmed by validator's `isEmail`. Skipped: retina asset names (`logo@2x.png`), scp-style
 * remotes (`git@github.com:org/repo.git`), which name no person, and the `password@host` tail of a URL's
 * credentials, which the URL-credentials rule reports.
 */
function detectEmails(text: string, urls: readonly UrlToken[]): Detection[] {
  if (!text.includes("@")) return [];
  const userinfos = urls.flatMap((token) => userinfoSpan(token) ?? []);
  const detections: Detection[] = [];
  for (const match of allMatches(EMAIL_CANDIDATE, text)) {
    const end = match.index + match[0].length;
    const scpRemote = text[end] === ":" && /\S/.test(text[end + 1] ?? "");
    const inCredentials = userinfos.some((userinfo) => match.index >= userinfo.start && match.index < userinfo.end);
    const assetName = FILE_EXTENSION_TLDS.has(match[1].toLowerCase());
    if (!scpRemote && !inCredentials && !assetName && validator.isEmail(match[0])) {
      detections.push({ rule: "email", start: match.index, end });
    }
  }
  return detections;
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
function detectPhoneNumbers(text: string): Detection[] {
  if (!text.includes("+")) return [];
  const detections: Detection[] = [];
  let confirmations = 0;
  for (const match of allMatches(PHONE_CANDIDATE, text)) {
    if (match[0].replace(/\D/g, "").length < MIN_PHONE_DIGITS) continue;
    if (++confirmations > MAX_PHONE_CONFIRMATIONS) {
      detections.push({ rule: "phone-number", start: match.index, end: match.index + match[0].length });
      continue;
    }
    for (const found of findNumbers(match[0], { v2: true })) {
      detections.push({ rule: "phone-number", start: match.index + found.startsAt, end: match.index + found.endsAt });
    }
  }
  return detections;
}

// Separators may only sit between digits, so each run is tried from its first digit and backtracks a bounded amount.
const CARD_CANDIDATE = /(?<![\d.+-])\d(?:[ -]?\d){12,18}(?![\d]|[.-]\d)/g;
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

/** Card numbers: 13 to 19 digits with one kind of separator at most, a known issuer prefix and length, Luhn-valid. */
function detectCards(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of allMatches(CARD_CANDIDATE, text)) {
    const digits = match[0].replace(/[ -]/g, "");
    const oneSeparatorKind = !(match[0].includes(" ") && match[0].includes("-"));
    const issued = CARD_ISSUERS.some(([prefix, lengths]) => prefix.test(digits) && lengths.includes(digits.length));
    if (oneSeparatorKind && issued && luhnValid(digits)) {
      detections.push({ rule: "credit-card", start: match.index, end: match.index + match[0].length });
    }
  }
  return detections;
}

const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])/g;

/**
 * IBANs, electronic (`DE89370400440532013000`) or printed in groups (`DE89 3704 0044 0532 0130 00`), confirmed by
 * validator's `isIBAN` (country format and mod-97). A candidate that swallowed a following upper-case word
 * (`... 0130 00 BIC ...`) is retried without its trailing groups.
 */
function detectIbans(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of allMatches(IBAN_CANDIDATE, text)) {
    for (let candidate = match[0]; candidate.length >= 15; candidate = candidate.slice(0, candidate.lastIndexOf(" "))) {
      if (validator.isIBAN(candidate.replace(/ /g, ""))) {
        detections.push({ rule: "iban", start: match.index, end: match.index + candidate.length });
        break;
      }
      if (!candidate.includes(" ")) break;
    }
  }
  return detections;
}

/** Every piece of personal data in `text`: email addresses, phone numbers, card numbers and IBANs. */
export function detectPersonalData(text: string, urls: readonly UrlToken[]): Detection[] {
  return [...detectEmails(text, urls), ...detectPhoneNumbers(text), ...detectCards(text), ...detectIbans(text)];
}
