import { allMatches, detectPatterns, firstGroup, type PatternRule } from "./matching.js";
import { foldCharacters } from "./normalise.js";
import { detectProviderTokens } from "./provider-tokens.js";
import type { Detection } from "./rules.js";
import { TextView } from "./text-view.js";
import {
  isAlgorithmName,
  isHighEntropyValue,
  isLikelyPasswordValue,
  isLikelySecretValue,
  isPlaceholder,
  isPolicyWording,
} from "./values.js";
import { decodeSafely, queryValues, type UrlToken, userinfoSpan } from "./urls.js";

/**
 * Words for "password" as keys are written in other languages (`Passwort=`, `senha:`, `wachtwoord`), in ASCII; the
 * phrases of {@link detectPasswordPhrases} take their accented and non-Latin spellings.
 */
const FOREIGN_PASSWORD_WORDS = [
  ...["passwort", "kennwort", "contrasena", "senha", "wachtwoord", "haslo", "heslo", "geslo", "lozinka", "jelszo"],
  ...["losenord", "passord", "adgangskode", "salasana", "sifre", "parola", "mdp", "motdepasse"],
];
/** Last words of a key that name a secret on their own (`db_password`, `refreshToken`, `client-secret`). */
const SECRET_WORDS = new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "passcode",
  ...FOREIGN_PASSWORD_WORDS,
  "secret",
  "creds",
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
  // detect-secrets KeywordDetector's denylist.
  "service key",
  "client key",
  "db key",
  "database key",
  "priv key",
  "db pass",
  "database pass",
  "key pass",
]);

/**
 * Endings of keys written as one word (`PGPASSWORD`, `mysqlpassword`, `githubtoken`, `xapikey`). Only endings that no
 * ordinary word shares: `pass` (`bypass`) and `key` (`monkey`) are left to the split words.
 */
const SECRET_ENDINGS = ["password", "passwd", "passphrase", "secret", "token", "apikey", "secretkey", "accesskey", "privatekey"];
/** Last words of a key that announce a password, whose value is judged without entropy ({@link isPasswordKey}). */
const PASSWORD_WORDS = new Set(["password", "passwd", "passphrase", "passcode", "pwd", "pw", ...FOREIGN_PASSWORD_WORDS]);
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
 * Whether a key names a password (`password`, `DB_PASSWORD`, `PGPASSWORD`, `passwd`, `pwd`, `passphrase`, `db_pass`):
 * people choose those values, so they are reported whatever their entropy. `pass` alone is not one: `Pass: 42/50` is
 * prose.
 */
export function isPasswordKey(key: string): boolean {
  const words = keyWords(key);
  const last = words.at(-1) ?? "";
  return (
    PASSWORD_WORDS.has(last) || PASSWORD_ENDINGS.some((ending) => last.endsWith(ending)) || (words.length > 1 && last === "pass")
  );
}

/**
 * `key=value`, `key: value`, `key := value`, `key => value` and JSON `"key": "value"`. Only the key and separator are
 * matched here, so the search resumes right after them: the value of `https:` (`//host/?api_key=...`) stays
 * searchable for the key inside it, and values are read only behind keys that name a secret.
 */
const ASSIGNMENT_KEY = /(?<![\w.-])(["']?)([A-Za-z_][\w.-]{0,63})\1[ \t]*(?::=|=>|:|=)[ \t]*/g;
/**
 * The value, quoted (straight, curly, guillemets, corner brackets) or bare. A bare value stops at whitespace, quotes,
 * brackets, `&`, `;`, `,`, `?` and CJK punctuation, so query strings, path parameters, cookie lists and sentences
 * split correctly, and loses trailing sentence punctuation.
 */
const ASSIGNMENT_VALUE =
  /"([^"\r\n]{1,512})"|'([^'\r\n]{1,512})'|“([^”\r\n]{1,512})”|« ?([^»\r\n]{1,512}?) ?»|「([^」\r\n]{1,512})」|([^\s"'`&;,<>(){}[\]?“”«»「」、。，；！？]{1,512})/y;
/**
 * A value written in a sentence or after a spaced separator (`the password is Tr0ub4dor&3`, `password: a&b`), where
 * `&` does not start a query parameter: as {@link ASSIGNMENT_VALUE}, `&` included.
 */
const SENTENCE_VALUE = new RegExp(ASSIGNMENT_VALUE.source.replace("&;", ";"), "y");
const BARE_VALUE_TRAILER = /[.,:;]+$/;
const IDENTIFIER = /^[A-Za-z_$][\w$.]*$/;

/** A value read after a key and its separator. */
interface AssignedValue {
  value: string;
  start: number;
  end: number;
  /** Bare and after a space: a sentence or code may go on there (`password: Use at least…`, `password = input`). */
  prose: boolean;
  /** An identifier followed by `(`: a function call in a code snippet, not a secret. */
  call: boolean;
}

/**
 * The value at `from`, quoted or bare; `spaced` says whether a space stood between the separator and it. `pattern`
 * is {@link ASSIGNMENT_VALUE} or {@link SENTENCE_VALUE}.
 */
function readValue(text: string, from: number, spaced: boolean, pattern = ASSIGNMENT_VALUE): AssignedValue | undefined {
  pattern.lastIndex = from;
  const found = pattern.exec(text);
  if (!found) return undefined;
  const bare = found[6] !== undefined;
  const value = bare ? found[6].replace(BARE_VALUE_TRAILER, "") : found.slice(1, 6).find((group) => group !== undefined)!;
  const start = bare ? found.index : found.index + found[0].indexOf(value);
  const call = bare && text[found.index + found[0].length] === "(" && IDENTIFIER.test(value);
  return { value, start, end: start + value.length, prose: bare && spaced, call };
}

/**
 * Whether a value after a key that names a secret (`secretKey`) or a password (`passwordKey`) is one: a secret must
 * look random ({@link isLikelySecretValue}), a password need not ({@link isLikelyPasswordValue}); policy wording
 * (`Password: 12 characters minimum`) and algorithm names (`password: bcrypt`) are not passwords.
 */
function isKeyedSecret(text: string, read: AssignedValue, secretKey: boolean, passwordKey: boolean): boolean {
  if (read.call) return false;
  const prose = read.prose && passwordKey;
  const policy = isPolicyWording(read.value, text.slice(read.end, read.end + 24)) || isAlgorithmName(read.value);
  if (prose && policy) return false;
  return (
    (secretKey && isLikelySecretValue(read.value)) || (passwordKey && isLikelyPasswordValue(read.value, read.prose))
  );
}

/** A value of the base64 alphabets, quoted or bare, that ends where the run ends. */
const RANDOM_VALUE = /["'`]?([A-Za-z0-9+/_-]{24,512}={0,2})(?![A-Za-z0-9+/=_-])/y;

/**
 * Words of keys whose values are random without being credentials: identifiers (`X-Request-Id`, `x-amz-id-2`),
 * hashes, nonces, versions, public site keys, pagination cursors, OAuth `state` and handshake answers
 * (`Sec-WebSocket-Accept`).
 */
const NEUTRAL_KEY_WORDS = new Set([
  ...["id", "ids", "uuid", "guid", "hash", "digest", "checksum", "integrity", "nonce", "etag", "fingerprint", "kid"],
  ...["version", "commit", "rev", "revision", "build", "sha", "sha1", "sha256", "sha384", "sha512", "md5", "sri"],
  ...["sitekey", "cursor", "state", "trace", "traceparent", "src", "href", "url", "uri", "path", "ref", "class", "cookie"],
  "accept",
]);

/**
 * Values assigned to keys that name a secret ({@link isSecretKey}) and that look like one, or to keys that name a
 * password ({@link isPasswordKey}) whatever their entropy (see {@link isKeyedSecret}): `secret-assignment`. A value
 * of high entropy is a secret whatever its key is called (detect-secrets' Base64HighEntropyString, over assignments
 * rather than every quoted string): `high-entropy-assignment`, unless a word of the key names an id, a hash or the like
 * ({@link NEUTRAL_KEY_WORDS}). The span is the value alone: redaction leaves `password=[redacted:secret]`.
 */
function detectAssignments(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of allMatches(ASSIGNMENT_KEY, text)) {
    const key = match[2];
    const secretKey = isSecretKey(key);
    const passwordKey = isPasswordKey(key);
    const valueAt = match.index + match[0].length;
    if (secretKey || passwordKey) {
      // A quoted value, or one written right after `=` or `:`, is a literal; after a space, prose or code may follow.
      const spaced = /[ \t]$/.test(match[0]);
      const read = readValue(text, valueAt, spaced, spaced ? SENTENCE_VALUE : ASSIGNMENT_VALUE);
      if (read && isKeyedSecret(text, read, secretKey, passwordKey)) {
        detections.push({ rule: "secret-assignment", start: read.start, end: read.end });
      }
      continue;
    }
    // Any other key: only a run of the base64 alphabets is read, so that `C:\C:\…` costs a character per key, not 512.
    RANDOM_VALUE.lastIndex = valueAt;
    const random = RANDOM_VALUE.exec(text);
    if (random && isHighEntropyValue(random[1]) && !keyWords(key).some((word) => NEUTRAL_KEY_WORDS.has(word))) {
      const start = valueAt + random[0].indexOf(random[1]);
      detections.push({ rule: "high-entropy-assignment", start, end: start + random[1].length });
    }
  }
  return detections;
}

/** Words for "password", as people write them in findings, in the languages of the product's customers. */
const PASSWORD_TERMS = [
  ...["password", "passwd", "passphrase", "passcode", "passwort", "kennwort", "contraseña", "contrasena", "mot de passe"],
  ...["mdp", "senha", "palavra-passe", "wachtwoord", "hasło", "haslo", "heslo", "geslo", "lozinka", "jelszó", "jelszo"],
  ...["parolă", "parola", "şifre", "şifresi", "sifre", "lösenord", "losenord", "adgangskode", "passord", "salasana"],
  ...["kata sandi", "mật khẩu", "пароль", "парола", "лозинка", "κωδικός πρόσβασης", "κωδικός", "סיסמה", "סיסמא"],
  ...["كلمة المرور", "كلمة السر", "पासवर्ड", "รหัสผ่าน", "密码", "密碼", "口令", "パスワード", "暗証番号", "비밀번호", "암호"],
];
/** Words for a random secret, judged by entropy like the values of {@link SECRET_WORDS}. */
const SECRET_TERMS = [
  ...["api key", "api-key", "apikey", "access key", "secret key", "private key", "client secret", "access token"],
  ...["auth token", "bearer token", "refresh token", "token", "secret", "api-schlüssel", "api-schluessel", "clé api"],
  ...["clé secrète", "chave de api", "clave de api", "clave api", "ключ api", "токен", "секрет", "api密钥", "密钥"],
  ...["令牌", "apiキー", "トークン", "シークレット", "api 키", "토큰"],
];
/** Terms as the scanner reads text (folded, see `normalise.ts`), longest first, as one alternation. */
const termAlternation = (terms: readonly string[]) =>
  [...terms]
    .sort((a, b) => b.length - a.length)
    .map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "[ \\t]+"))
    .join("|");
const folded = (terms: readonly string[], ascii: boolean) =>
  terms.map((term) => foldCharacters(new TextView(term)).text).filter((term) => /^[\x00-\x7F]*$/.test(term) === ascii);
/**
 * The terms, password words in the first group and secret words in the second. Letters of alphabetic scripts may not
 * stand right before a term (`userpassword` is an identifier); CJK, Arabic and the like write words without spaces, so
 * nothing is asked of what precedes them. The terms written in ASCII are searched without Unicode mode, which costs
 * several times less; the others only in texts that hold something else than ASCII.
 */
const phraseTerms = (ascii: boolean) =>
  new RegExp(
    `(?<![A-Za-z0-9_\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF])(?:(${termAlternation(folded(PASSWORD_TERMS, ascii))})|(${termAlternation(folded(SECRET_TERMS, ascii))}))`,
    ascii ? "gi" : "giu",
  );
const ASCII_PHRASE_TERM = phraseTerms(true);
const PHRASE_TERM = phraseTerms(false);
/** A word between the term and what introduces the value: `for the admin`, `des Administrators`, `de l'admin`. */
const PHRASE_FILLER = /[ \t]+[\p{L}\p{N}_'’-]{1,24}/uy;
/** What introduces the value: `:`, `=`, a dash, or "is" in a few languages (`is`, `ist`, `lautet`, `est`, `是`, `は`…). */
const PHRASE_SEPARATOR =
  /[ \t]*(?::=|=>|[:=])|[ \t]+(?:-{1,2}|–|—)(?=[ \t])|[ \t]+(?:is|was|remains|ist|lautet|war|est|était|es|era|é|è|jest|brzmi|luidt|är|er|on|je|это)(?:[ \t]+(?:set[ \t]+to|now|still))?[ \t]*:?(?=[ \t])|[ \t]*(?:是|为|為|は|が|는|은)/iuy;
/** A digit, or a capital after a small letter: how a random value differs from a word of the sentence around it. */
const readsAsRandom = (value: string) => /\d/.test(value) || (/[a-z]/.test(value) && /.[A-Z]/.test(value));
/** Most words between a term and its separator. */
const MAX_PHRASE_FILLERS = 5;

/**
 * Passwords and secrets written as sentences, in English and other languages: `the admin password is Tr0ub4dor`,
 * `Passwort des Administrators: geheim123`, `mot de passe : azerty1`, `пароль — qwerty123`, `密码是abc123`. Up to
 * {@link MAX_PHRASE_FILLERS} words may stand between the term and the separator; each place a separator could stand
 * is tried until a value judges as a secret (see {@link isKeyedSecret}). After a verb or a spaced separator the value
 * is prose: a password must then hold a digit or a symbol, and a secret a digit or mixed case, so that `the token is
 * predictable` stays a sentence. Reported as `secret-assignment`, the value alone as the span.
 */
function detectPhrases(text: string): Detection[] {
  const detections: Detection[] = [];
  const nonAscii = /[^\x00-\x7F]/.test(text);
  const terms = [...allMatches(ASCII_PHRASE_TERM, text), ...(nonAscii ? allMatches(PHRASE_TERM, text) : [])];
  for (const term of terms) {
    const passwordTerm = term[1] !== undefined;
    // `password=…` and `api_key: …` right after a key are assignments, read once by detectAssignments.
    const assignedKey = /^[A-Za-z_][\w.-]*$/.test(term[0]) && (isSecretKey(term[0]) || isPasswordKey(term[0]));
    let position = term.index + term[0].length;
    for (let fillers = 0; fillers <= MAX_PHRASE_FILLERS; fillers += 1) {
      PHRASE_SEPARATOR.lastIndex = position;
      const separator = PHRASE_SEPARATOR.exec(text);
      const literal = separator !== null && /^[ \t]*(?::=|=>|[:=])$/.test(separator[0]);
      if (separator && !(literal && assignedKey && fillers === 0)) {
        let at = position + separator[0].length;
        const spaced = !literal || text[at] === " " || text[at] === "\t";
        while (text[at] === " " || text[at] === "\t") at += 1;
        // Only `key=value` may be a query string, where `&` starts the next parameter.
        const query = separator[0] === "=" && !spaced;
        const read = readValue(text, at, spaced, query ? ASSIGNMENT_VALUE : SENTENCE_VALUE);
        const judged = read && isKeyedSecret(text, read, !passwordTerm, passwordTerm);
        if (read && judged && (passwordTerm || !read.prose || readsAsRandom(read.value))) {
          detections.push({ rule: "secret-assignment", start: read.start, end: read.end });
          break;
        }
      }
      PHRASE_FILLER.lastIndex = position;
      const filler = PHRASE_FILLER.exec(text);
      if (!filler) break;
      position += filler[0].length;
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

/**
 * Values that a shell expands (`$PASS`, `$(cat token)`, `${TOKEN}`) or that a document stands in for (`<token>`,
 * `[redacted:secret]`).
 */
const REFERENCE = /^[$<{%[]/;

/**
 * Credentials on command lines: `curl -u user:password` and `--user` (gitleaks curl-auth-user), and flags that take a
 * password or a token (`--password hunter2`, `--token=…`, `mysql --password=…`, `docker login --password …`). The span
 * is the credential; a shell reference or a placeholder is none.
 */
function detectCommandLineCredentials(text: string): Detection[] {
  const detections: Detection[] = [];
  if (!text.includes("-")) return detections;
  for (const match of allMatches(CURL_USER, text)) {
    const [start, end] = match.indices![2];
    const password = match[2].slice(match[2].indexOf(":") + 1);
    const real =
      password.length > 0 && !REFERENCE.test(match[2]) && !REFERENCE.test(password) && !isPlaceholder(password);
    if (real) detections.push({ rule: "cli-credentials", start, end });
  }
  for (const match of allMatches(CREDENTIAL_FLAG, text)) {
    const [start, end] = match.indices![3];
    const value = match[3];
    const password = /pass/i.test(match[1]);
    const secret = password ? isLikelyPasswordValue(value, false) : isLikelySecretValue(value);
    if (!REFERENCE.test(value) && secret) detections.push({ rule: "cli-credentials", start, end });
  }
  return detections;
}
// `curl`, then on the same line `-u`/`--user` and `user:password`.
const CURL_USER = /\bcurl\b[^\n]{0,400}?[ \t](?:-u|--user)(?:[ \t]*=?[ \t]*)(["']?)([^\s"':]{1,128}:[^\s"']{0,256})\1/dg;
const CREDENTIAL_FLAG =
  /(?<![\w-])--(password|passwd|pass|token|api-?key|secret|client-secret|access-token|auth-token)(?:[ \t]+|=)(["']?)([^\s"']{1,256})\2/dgi;

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
    ...detectCommandLineCredentials(text),
    ...detectAssignments(text),
    ...detectPhrases(text),
    ...detectCookies(text),
    ...detectUrlCredentials(urls),
    ...detectQuerySecrets(urls),
  ];
}
