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
const ENV_VARIABLE_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const MEMBER_EXPRESSION = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const PLACEHOLDER_WORD =
  /^(?:your|my|insert|enter|replace)[\W_]|redacted|placeholder|example|changeme|change[\W_]me|dummy|x{4,}|\*{3,}/i;
const LITERAL = /^(?:null|none|nil|undefined|true|false|empty|hidden|secret|password|token|string|required|n\/a)$/i;

/**
 * Whether a value is a stand-in rather than a real secret: template references (`${TOKEN}`, `{{token}}`,
 * `<redacted>`, `%TOKEN%`), masks (`****`, `xxxx`), environment variable names (`YOUR_API_KEY`), member expressions
 * of code snippets (`process.env.API_KEY`, `this.props.token`), and words that announce a placeholder
 * (`your-token`, `changeme`, `example`).
 */
export function isPlaceholder(value: string): boolean {
  return (
    TEMPLATE_REFERENCE.test(value) ||
    MASK.test(value) ||
    ENV_VARIABLE_NAME.test(value) ||
    MEMBER_EXPRESSION.test(value) ||
    PLACEHOLDER_WORD.test(value) ||
    LITERAL.test(value)
  );
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
    !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) &&
    !isPlaceholder(value) &&
    shannonEntropy(value) >= threshold
  );
}
