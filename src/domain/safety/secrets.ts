import { allMatches, detectPatterns, firstGroup, type PatternRule } from "./matching.js";
import { detectProviderTokens } from "./provider-tokens.js";
import type { Detection } from "./rules.js";
import { isLikelyPasswordValue, isLikelySecretValue, isPlaceholder, isPolicyWording } from "./values.js";
import { decodeSafely, queryValues, type UrlToken, userinfoSpan } from "./urls.js";

/** Last words of a key that name a secret on their own (`db_password`, `refreshToken`, `client-secret`). */
const SECRET_WORDS = new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "credential",
  "credentials",
  "auth",
  "sessionid",
  "jsessionid",
  "phpsessid",
  "secretkey",
  "accesskey",
  "privatekey",
  "clientsecret",
  "authtoken",
]);
/** Last two words of a key that name a secret together (`api_key`, `x-api-key`, `private-key`, `sessionId`). */
const SECRET_PAIRS = new Set([
  "api key",
  "access key",
  "secret key",
  "private key",
  "account key",
  "auth key",
  "signing key",
  "encryption key",
  "master key",
  "session key",
  "session id",
]);

/**
 * Endings of keys written as one word (`PGPASSWORD`, `mysqlpassword`, `githubtoken`, `xapikey`). Only endings that no
 * ordinary word shares: `pass` (`bypass`) and `key` (`monkey`) are left to the split words.
 */
const SECRET_ENDINGS = ["password", "passwd", "passphrase", "secret", "token", "apikey", "secretkey", "accesskey", "privatekey"];
/** Last words of a key that announce a password, whose value is judged without entropy ({@link isPasswordKey}). */
const PASSWORD_WORDS = new Set(["password", "passwd", "passphrase", "pwd"]);
const PASSWORD_ENDINGS = ["password", "passwd", "passphrase"];

const keyWords = (key: string): string[] =>
  key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[_.-]+/)
    .filter(Boolean);

/**
 * Whether a key names a secret: its last word, or its last two words, after splitting on `_`, `-`, `.` and
 * camelCase, or a last word that ends like one (`PGPASSWORD`). Only the end counts, so `token_expiry`,
 * `password_policy` and `auth_url` do not.
 */
export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  const last = words.at(-1) ?? "";
  return (
    SECRET_WORDS.has(last) ||
    SECRET_PAIRS.has(`${words.at(-2)} ${last}`) ||
    SECRET_ENDINGS.some((ending) => last.endsWith(ending))
  );
}

/**
 * Whether a key names a password (`password`, `DB_PASSWORD`, `PGPASSWORD`, `passwd`, `pwd`, `passphrase`): people
 * choose those values, so they are reported whatever their entropy. `pass` alone is not one: `Pass: 42/50` is prose.
 */
export function isPasswordKey(key: string): boolean {
  const last = keyWords(key).at(-1) ?? "";
  return PASSWORD_WORDS.has(last) || PASSWORD_ENDINGS.some((ending) => last.endsWith(ending));
}

/**
 * `key=value`, `key: value`, `key := value`, `key => value` and JSON `"key": "value"`. Only the key and separator are
 * matched here, so the search resumes right after them: the value of `https:` (`//host/?api_key=...`) stays
 * searchable for the key inside it, and values are read only behind keys that name a secret.
 */
const ASSIGNMENT_KEY = /(?<![\w.-])(["']?)([A-Za-z_][\w.-]{0,63})\1[ \t]*(?::=|=>|:|=)[ \t]*/g;
/**
 * The value, quoted or bare. A bare value stops at whitespace, quotes, brackets, `&`, `;`, `,` and `?`, so query
 * strings, path parameters and cookie lists split correctly, and loses trailing sentence punctuation.
 */
const ASSIGNMENT_VALUE = /"([^"\r\n]{1,512})"|'([^'\r\n]{1,512})'|([^\s"'`&;,<>(){}[\]?]{1,512})/y;
const BARE_VALUE_TRAILER = /[.,:;]+$/;
const IDENTIFIER = /^[A-Za-z_$][\w$.]*$/;

/**
 * Values assigned to keys that name a secret ({@link isSecretKey}) and that look like one ({@link
 * isLikelySecretValue}), or to keys that name a password ({@link isPasswordKey}) whatever their entropy ({@link
 * isLikelyPasswordValue}). An identifier followed by `(` is a function call in a code snippet, not a secret. The span
 * is the value alone: redaction leaves `password=[redacted:secret]`.
 */
function detectAssignments(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of allMatches(ASSIGNMENT_KEY, text)) {
    const secretKey = isSecretKey(match[2]);
    const passwordKey = isPasswordKey(match[2]);
    if (!secretKey && !passwordKey) continue;
    ASSIGNMENT_VALUE.lastIndex = match.index + match[0].length;
    const found = ASSIGNMENT_VALUE.exec(text);
    if (!found) continue;
    const bare = found[3] !== undefined;
    const value = found[1] ?? found[2] ?? found[3].replace(BARE_VALUE_TRAILER, "");
    const start = found.index + (bare ? 0 : 1);
    const call = bare && text[found.index + found[0].length] === "(" && IDENTIFIER.test(value);
    // A quoted value, or one written right after `=` or `:`, is a literal; after a space, prose or code may follow.
    const prose = bare && /[ \t]$/.test(match[0]);
    const end = start + value.length;
    if (prose && passwordKey && isPolicyWording(value, text.slice(end, end + 24))) continue;
    const secret = (secretKey && isLikelySecretValue(value)) || (passwordKey && isLikelyPasswordValue(value, prose));
    if (!call && secret) {
      detections.push({ rule: "secret-assignment", start, end });
    }
  }
  return detections;
}

const AUTHORIZATION_HEADER: PatternRule = {
  rule: "authorization-header",
  pattern:
    /(?<![\w-])(?:proxy-)?authori[sz]ation["']?[ \t]*[:=][ \t]*["']?(?:bearer|basic|token|digest|apikey|sso-key)[ \t]+([A-Za-z0-9._~+/=-]{8,8192})/dgi,
  // A dotted token (`ya29.…`, `hvs.…`) is not excused as code: isPlaceholder only takes members that read as names.
  span: (match) => (isPlaceholder(match[1]) ? undefined : firstGroup(1)(match)),
};

const COOKIE_HEADER = /(?<![\w-])(set-)?cookie["']?[ \t]*:[ \t]*["']?/gi;
const COOKIE_PAIR = /[ \t]*([^=;,\s"']{1,128})=([^;,\s"']{1,4096});?/y;
const SESSION_COOKIE = /sess|sid|auth|token|jwt|login|remember|csrf|xsrf|secret|key/i;
/** Cookies not named like a session must look random: longer, and more varied than a readable value. */
const RANDOM_COOKIE_ENTROPY = 3.5;
const RANDOM_COOKIE_LENGTH = 16;

/**
 * Values in `Cookie:` and `Set-Cookie:` headers (for `Set-Cookie`, only the cookie itself, not its attributes).
 * Session-like names (`session`, `sid`, `auth`, `token`...) need a likely-secret value; other names need a value of
 * at least 16 characters and 3.5 bits of entropy per character, so `theme=dark` or `_ga=GA1.2.123.456` pass.
 */
function detectCookies(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const header of allMatches(COOKIE_HEADER, text)) {
    const setCookie = header[1] !== undefined;
    COOKIE_PAIR.lastIndex = header.index + header[0].length;
    for (let pair = COOKIE_PAIR.exec(text); pair; pair = setCookie ? null : COOKIE_PAIR.exec(text)) {
      const [whole, name, value] = pair;
      const secret = SESSION_COOKIE.test(name)
        ? isLikelySecretValue(value)
        : value.length >= RANDOM_COOKIE_LENGTH && isLikelySecretValue(value, RANDOM_COOKIE_ENTROPY);
      const end = pair.index + whole.replace(/;$/, "").length;
      if (secret) detections.push({ rule: "cookie-value", start: end - value.length, end });
    }
  }
  return detections;
}

/**
 * `scheme://user:password@host` with a real password (not `${DB_PASSWORD}` or `****`, nor a redaction marker standing
 * for the whole `user:password`); the span is `user:password`.
 */
function detectUrlCredentials(urls: readonly UrlToken[]): Detection[] {
  const real = (part: string) => !isPlaceholder(decodeSafely(part));
  const detections: Detection[] = [];
  for (const token of urls) {
    const userinfo = userinfoSpan(token);
    if (userinfo && userinfo.password.length > 0 && real(userinfo.password) && real(userinfo.userinfo)) {
      detections.push({ rule: "url-credentials", start: userinfo.start, end: userinfo.end });
    }
  }
  return detections;
}

/**
 * Query parameter names that carry a credential in a URL whatever their wording elsewhere: sessions, API keys (Google
 * Maps' `key`), OAuth authorization codes, signatures and CAS tickets. Names that {@link isSecretKey} takes
 * (`access_token`, `api_key`, `password`, `auth`, ...) count too.
 */
const SECRET_QUERY_NAMES = new Set(["session", "session_id", "sid", "key", "code", "auth_code", "sig", "signature", "ticket"]);
/** Of those, the names that also carry coupons and case numbers (`?code=SUMMER2024`, `?ticket=INC0012345`). */
const AMBIGUOUS_QUERY_NAMES = new Set(["key", "code", "auth_code", "ticket", "session"]);
/** A word and a number, as people make coupons and case numbers; random credentials interleave letters and digits. */
const WORD_AND_NUMBER = /^[A-Za-z]{1,12}[-_]?\d{1,12}$/;
/** Shortest query value reported: `code=123456` is an expired one-time code or a status, not a bearer credential. */
const MIN_QUERY_SECRET_LENGTH = 8;

/**
 * Query values of credential-carrying parameters (`?session=`, `?key=`, `?code=`, `?sig=`, `?access_token=`, ...),
 * percent-decoded once, that are not trivial: at least {@link MIN_QUERY_SECRET_LENGTH} characters mixing letters and
 * digits, and not a placeholder. Letters alone (`?key=created_at`, `?code=US-CA`) name things rather than grant
 * access. Under a name that also carries coupons and case numbers, a word followed by a number is not taken for a
 * credential: `?code=SUMMER2024` is a coupon and `?ticket=INC0012345` a case number. The span is the raw value.
 */
function detectQuerySecrets(urls: readonly UrlToken[]): Detection[] {
  const detections: Detection[] = [];
  for (const token of urls) {
    for (const { name, value, start, end } of queryValues(token)) {
      const key = decodeSafely(name).toLowerCase();
      if (!SECRET_QUERY_NAMES.has(key) && !isSecretKey(key)) continue;
      const decoded = decodeSafely(value);
      const nonTrivial =
        decoded.length >= MIN_QUERY_SECRET_LENGTH &&
        /[A-Za-z]/.test(decoded) &&
        /\d/.test(decoded) &&
        !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(decoded) &&
        !isPlaceholder(decoded) &&
        !(AMBIGUOUS_QUERY_NAMES.has(key) && WORD_AND_NUMBER.test(decoded));
      if (nonTrivial) detections.push({ rule: "query-secret", start, end });
    }
  }
  return detections;
}

/**
 * Every secret in `text`: provider token formats, private keys, JWTs, credentials in URLs and their query strings,
 * headers and assignments.
 */
export function detectSecrets(text: string, urls: readonly UrlToken[]): Detection[] {
  return [
    ...detectProviderTokens(text),
    ...detectPatterns(text, [AUTHORIZATION_HEADER]),
    ...detectAssignments(text),
    ...detectCookies(text),
    ...detectUrlCredentials(urls),
    ...detectQuerySecrets(urls),
  ];
}
