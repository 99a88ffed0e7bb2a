/**
 * Minimum Shannon entropy, in bits per character, of a value assigned to a secret-looking key before it counts as a
 * secret. Lower than detect-secrets' unkeyed limits (4.5 for base64, 3.0 for hex) because the key already says
 * "this is a secret": 3.0 still passes real passwords such as `Summer2024!` (3.1) and random tokens (3.5 to 6),
 * while the key's own echo (`password`, 2.75) and words such as `disabled` (2.75) stay below it. Entropy alone does
 * not stop placeholders (`YOUR_API_KEY` has 3.25): {@link isPlaceholder} does.
 */
export const SECRET_ENTROPY_THRESHOLD = 3.0;

/** Shorter values are not reported: they cannot reach the threshold and carry too little to be a credential. */
export const MIN_SECRET_LENGTH = 8;

// Scratch counts per UTF-16 code unit, reset after each use: a Map keyed by characters, or a fresh array per call,
// made entropy the scanner's hottest loop.
const counts = new Uint32Array(65536);

/** Shannon entropy of `value` in bits per UTF-16 code unit (0 for the empty string). */
export function shannonEntropy(value: string): number {
  const seen: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (counts[code]++ === 0) seen.push(code);
  }
  let entropy = 0;
  for (const code of seen) {
    const p = counts[code] / value.length;
    entropy -= p * Math.log2(p);
    counts[code] = 0;
  }
  return entropy;
}

const TEMPLATE_REFERENCE = /^(?:\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_]\w*|\{\{.*\}\}|<[^>]*>|%[A-Za-z_]\w*%?|\[[^\]]*\])$/;
const MASK = /^([*xX•.#_-])\1{2,}$/;
/** Masking runs stand in for the hidden part of a partly shown value (`sk_live_xxxx`, `ghp_****abcd`). */
const MASK_RUN = /x{4,}|\*{3,}/i;
const ENV_VARIABLE_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const MEMBER_EXPRESSION = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const PLACEHOLDER_PREFIX = /^(?:your|my|insert|enter|replace)[\W_]/i;
const PLACEHOLDER_WORD = /redacted|placeholder|example|changeme|change[\W_]me|dummy/i;
const LITERAL = /^(?:null|none|nil|undefined|true|false|empty|hidden|secret|password|token|string|required|n\/a)$/i;

/**
 * Whether a value is a stand-in rather than a real secret: template references (`${TOKEN}`, `{{token}}`,
 * `<redacted>`, `%TOKEN%`), masks (`****`, `xxxx`, `sk_live_xxxx`), environment variable names (`YOUR_API_KEY`),
 * member expressions of code snippets (`process.env.API_KEY`, `this.props.token`, see {@link isCodeReference}), and
 * words that announce a placeholder (`your-token`, `changeme`, `example-key`). A placeholder word excuses a value only
 * when the value holds no digit: `Example2024!` or `dummy7Kq9` are real-looking values that merely contain the word.
 */
export function isPlaceholder(value: string): boolean {
  return (
    TEMPLATE_REFERENCE.test(value) ||
    MASK.test(value) ||
    MASK_RUN.test(value) ||
    ENV_VARIABLE_NAME.test(value) ||
    isCodeReference(value) ||
    PLACEHOLDER_PREFIX.test(value) ||
    (PLACEHOLDER_WORD.test(value) && !/\d/.test(value)) ||
    LITERAL.test(value)
  );
}

/** Longest member name taken for code: real dotted tokens (`ya29.…`, `hvs.…`) carry a far longer random part. */
const MAX_MEMBER_LENGTH = 32;
/** Words of a member name: acronyms, capitalised or lower-case words, single capitals, digit runs. */
const NAME_WORD = /[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[A-Z]|\d+/g;

/**
 * Whether a dotted value reads as a member expression of a code snippet (`process.env.API_KEY`,
 * `req.body.password`, `import.meta.env.VITE_TOKEN`) rather than a dotted token (`ya29.a0AfH6SMBx…`,
 * `hvs.CAESIJ…`). Every member must read as a name: at most {@link MAX_MEMBER_LENGTH} characters, one run of digits
 * at most (`oauth2Token`), and, in each part longer than six characters, camelCase words of three letters on average.
 * Random characters, with their frequent case changes and scattered digits, rarely pass all three.
 */
export function isCodeReference(value: string): boolean {
  return MEMBER_EXPRESSION.test(value) && value.split(".").every(readsAsName);
}

function readsAsName(member: string): boolean {
  if (member.length > MAX_MEMBER_LENGTH || (member.match(/\d+/g)?.length ?? 0) > 1) return false;
  if (ENV_VARIABLE_NAME.test(member)) return true;
  return member
    .split(/[_$]+/)
    .filter((part) => part.length > 6)
    .every((part) => {
      const words = (part.match(NAME_WORD) ?? []).filter((word) => !/^\d/.test(word));
      return words.length > 0 && words.join("").length / words.length >= 3;
    });
}

/**
 * Whether a value assigned to a secret-looking key is itself a secret: at least {@link MIN_SECRET_LENGTH}
 * characters, entropy of at least `threshold` bits per character (default {@link SECRET_ENTROPY_THRESHOLD}), not a
 * placeholder, not a URL (`auth_url=https://...`: the URL rules judge those) and not a plain number (TTLs, ids and
 * counts).
 */
export function isLikelySecretValue(value: string, threshold = SECRET_ENTROPY_THRESHOLD): boolean {
  return (
    value.length >= MIN_SECRET_LENGTH &&
    !/^\d+$/.test(value) &&
    !isUrl(value) &&
    !isPlaceholder(value) &&
    shannonEntropy(value) >= threshold
  );
}

const isUrl = (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value);

/**
 * Shortest value after a password-type key that is reported: `1234` is a password, `abc` is more likely a fragment of
 * prose or code than a credential.
 */
export const MIN_PASSWORD_LENGTH = 4;

/**
 * Whether a bare value after `password: ` is how a password policy reads rather than a password: a count or a range
 * (`8-64`, `12+`), or words joined by `+`, `&` or `/` (`letters+digits`), followed by a word of policy
 * (`characters`, `only`, `minimum`...), or a count written with its unit in a language without spaces (`8文字以上`).
 * `password: Blue/Sky` alone is a password.
 */
export function isPolicyWording(value: string, following: string): boolean {
  const shaped = /^\d{1,5}(?:[-–]\d{1,5})?\+?[.,;:]?$/.test(value) || /^[A-Za-z]+(?:[+&/][A-Za-z]+)+[.,;:]?$/.test(value);
  // Languages written without spaces put the count and its unit together: `8文字以上`, `8位以上`.
  const unspaced = /^\d{1,3}[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(value);
  return unspaced || (shaped && /^[ \t]+(?:characters?|chars?|only|minimum|min\b|or more|long|letters|digits|symbols)/i.test(following));
}

/**
 * Whether a value assigned to a password-type key is a password. Passwords are chosen by people, so entropy says
 * nothing (`Passw0rd`, `Welcome1`, `Tr0ub4dor` all fall below {@link SECRET_ENTROPY_THRESHOLD}): any value counts
 * unless it is a stand-in ({@link isPlaceholder}), a single character repeated (`aaaaaaaa`), a comparison (`==`), a
 * URL or an absolute path (judged by their own rules), or shorter than {@link MIN_PASSWORD_LENGTH}.
 *
 * `prose` marks a bare value written after `key: ` or `key = ` (with a space), where a sentence or code may go on
 * (`Password: Use at least 12 characters`, `password = input`): there the value must hold a digit or a symbol, or
 * be a number of six digits or more, to count. A word alone there (`password: letmein`) is not taken for one.
 */
export function isLikelyPasswordValue(value: string, prose: boolean): boolean {
  if (value.length < MIN_PASSWORD_LENGTH || /^[=!<>]/.test(value) || isUrl(value) || /^(?:[/~\\]|[A-Za-z]:[\\/])/.test(value)) {
    return false;
  }
  if (isPlaceholder(value) || /^(.)\1*$/.test(value)) return false;
  if (!prose) return true;
  if (/^\d{6,}$/.test(value)) return true;
  return /\D/.test(value) && /[^\p{L}_.'-]/u.test(value);
}

/**
 * Whether a value names a hashing or encoding scheme (`md5`, `sha256-hashed`, `bcrypt`, `base64`): what a sentence
 * about passwords says of them (`the password is md5-hashed`), not a password.
 */
export function isAlgorithmName(value: string): boolean {
  return /^(?:md[45]|sha-?\d{0,3}|bcrypt|scrypt|argon2(?:id|i|d)?|pbkdf2|base64|utf-?8|ntlm|aes-?\d*|rsa-?\d*|des)(?:[-_]\w+)?$/i.test(value);
}

/** Entropy a value of any key must reach to count as a secret: detect-secrets' Base64HighEntropyString limit. */
export const HIGH_ENTROPY_THRESHOLD = 4.5;
/** Shortest value judged by entropy alone. */
export const MIN_HIGH_ENTROPY_LENGTH = 24;
/** Integrity and digest values (`sha384-oqVu…`, `sha256:…`) are hashes, however random they look. */
const HASH_PREFIX = /^(?:sha(?:1|224|256|384|512)|md5)[-:=]/i;

/**
 * Whether a value is random enough to be a secret whatever names it: at least {@link MIN_HIGH_ENTROPY_LENGTH}
 * characters of the base64 alphabets mixing upper case, lower case and digits (hex digests and identifiers in one case
 * do not), at least {@link HIGH_ENTROPY_THRESHOLD} bits per character, not a hash and not a placeholder.
 */
export function isHighEntropyValue(value: string): boolean {
  return (
    value.length >= MIN_HIGH_ENTROPY_LENGTH &&
    /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /\d/.test(value) &&
    !HASH_PREFIX.test(value) &&
    !isPlaceholder(value) &&
    shannonEntropy(value) >= HIGH_ENTROPY_THRESHOLD
  );
}
