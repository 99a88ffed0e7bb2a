import { isIPv6 } from "node:net";
import { classifyBareHost, classifyUrlHost, isPrivateAddress } from "./hosts.js";
import { allMatches, tokenLength } from "./matching.js";
import type { Detection, SafetyRule } from "./rules.js";
import { overlapsUrl, type UrlToken } from "./urls.js";

const OBJECT_STORE_SCHEMES = new Set([
  ...["s3", "s3a", "s3n", "gs", "gcs", "r2", "oss"],
  ...["az", "abfs", "abfss", "wasb", "wasbs", "adl"],
]);

/**
 * One finding per URL that points at a private artifact, the URL as its span: `file://` URLs, object-store URLs
 * (by scheme such as `s3://`, or by host such as `*.blob.core.windows.net`), presigned URLs (whatever the host),
 * and URLs whose host is internal or a private address. Ordinary public URLs, query strings included, pass.
 */
export function detectArtifactUrls(urls: readonly UrlToken[]): Detection[] {
  const detections: Detection[] = [];
  for (const token of urls) {
    const rule = classifyUrl(token);
    if (rule) detections.push({ rule, start: token.start, end: token.end });
  }
  return detections;
}

const classifyUrl = (token: UrlToken): SafetyRule | undefined => {
  if (token.scheme === "file") return "file-url";
  if (OBJECT_STORE_SCHEMES.has(token.scheme)) return "object-store-url";
  if (!token.url) return undefined;
  if (isPresigned(token.url.searchParams)) return "presigned-url";
  return classifyUrlHost(token.url.hostname);
};

/**
 * Presigned by AWS (SigV4 `X-Amz-Signature`/`X-Amz-Credential`), Google (`X-Goog-Signature`/`X-Goog-Credential`),
 * Azure SAS (`sig` with `se` or `sp`), CloudFront and S3 SigV2 (`Signature` with `Expires`, `Policy` or
 * `Key-Pair-Id`). Parameter names compare case-insensitively.
 */
function isPresigned(params: URLSearchParams): boolean {
  const names = new Set<string>();
  for (const name of params.keys()) names.add(name.toLowerCase());
  const any = (...candidates: string[]) => candidates.some((name) => names.has(name));
  return (
    any("x-amz-signature", "x-amz-credential", "x-goog-signature", "x-goog-credential") ||
    (names.has("sig") && any("se", "sp")) ||
    (names.has("signature") && any("expires", "policy", "key-pair-id"))
  );
}

const PATH_CHARS = `[^\\s"'<>|*?\`]`;
/**
 * Absolute file paths outside URLs. A path counts when it starts at a well-known root of a file system (Unix
 * `/home/`, `/root/`, `/etc/`, `/var/`, `/tmp/`, `/opt/`, `/usr/`, `/srv/`, `/mnt/`, `/media/`, `/private/`, `/proc/`,
 * `/sys/`, `/run/`, `/boot/`, `/snap/`, `/nix/`; macOS `/Users/`, `/Library/`, `/Volumes/`; a home directory `~/` or
 * `~alice/`), at a Windows drive (`C:\`, `C:/`), at a UNC share (`\\server\share`), or at a variable that names a
 * user's directories (`%USERPROFILE%\`, `%APPDATA%\`, `$HOME/`, `$env:USERPROFILE\`). Other slash paths (`/login`,
 * `/api/v1/users`, `/assets/app.js`) are web routes in this product's texts, not file paths, and pass.
 */
const FILE_PATH = new RegExp(
  [
    `(?<![\\w.~/\\\\-])(?:~[A-Za-z0-9_.-]{0,32}|/(?:home|root|etc|var|tmp|opt|usr|srv|mnt|media|private|proc|sys|run|boot|snap|nix|Users|Library|Volumes))/${PATH_CHARS}{1,4096}`,
    `(?<![\\w\\\\/])[A-Za-z]:[\\\\/]${PATH_CHARS}{1,4096}`,
    `(?<![\\w\\\\])\\\\\\\\(?:\\\\\\\\)?[A-Za-z0-9._$-]{1,63}\\\\${PATH_CHARS}{1,4096}`,
    `(?<![\\w%])%[A-Za-z_][A-Za-z0-9_()]{1,31}%[\\\\/]${PATH_CHARS}{1,4096}`,
    `(?<![\\w$])\\$(?:\\{?(?:HOME|USERPROFILE|APPDATA|LOCALAPPDATA|TMPDIR)\\}?|env:[A-Za-z_]{1,31})[\\\\/]${PATH_CHARS}{1,4096}`,
  ].join("|"),
  "g",
);
const UP = `\\.{2,4}[\\\\/]{1,2}`;
/**
 * Path traversal (`../../etc/passwd`, `..\\..\\windows\\win.ini`, `....//....//etc/shadow`, `../.env`): steps up to a
 * system directory (two at least: `../users/` is a relative web link) or to a file worth stealing (one is enough). A
 * relative path into a project (`../src/index.js`) is not one.
 */
const TRAVERSAL = new RegExp(
  `(?<![\\w.~/\\\\-])(?:(?:${UP}){2,64}(?:etc|proc|sys|home|root|var|usr|opt|srv|tmp|boot|private|users|library|windows|winnt|inetpub|programdata|\\.ssh|\\.aws|\\.git|\\.docker|\\.kube|\\.config)(?=[\\\\/])|(?:${UP}){1,64}(?:win\\.ini|boot\\.ini|web\\.config|wp-config\\.php|\\.env|\\.htpasswd|id_rsa|id_ed25519|shadow|passwd)(?![\\w.-]))${PATH_CHARS}{0,4096}`,
  "gi",
);

// Labels then a top label that starts with a letter, so that dotted numbers (versions, addresses) never match.
const BARE_HOST = /(?<![\w.@/\\-])((?:[a-z0-9-]{1,63}\.){1,10}[a-z][a-z0-9-]{0,62}|localhost)(:\d{1,5})?(?![\w-]|\.[\w-])/gi;
// A trailing `/nn` makes it a network range (`10.0.0.0/8`), which names no host.
const BARE_IPV4 = /(?<![\w.-])(?:\d{1,3}\.){3}\d{1,3}(?![\w-]|\.\d|\/\d)/g;
const BARE_IPV6 = /(?<![\w:.])(?:::1|(?:f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]):[0-9a-f:]{1,36}[0-9a-f])(?![\w:])/gi;

/**
 * Private artifacts written outside any URL: absolute file paths, path traversals, internal host names, object-store
 * host names and private addresses. Text inside a URL is left to {@link detectArtifactUrls}, so `/etc/passwd` in
 * `https://example.com/etc/passwd` is a web path, not a file path.
 */
export function detectBareArtifacts(text: string, urls: readonly UrlToken[]): Detection[] {
  const detections: Detection[] = [];
  const add = (rule: SafetyRule, start: number, end: number) => {
    if (!overlapsUrl(urls, start, end)) detections.push({ rule, start, end });
  };
  for (const pattern of text.includes("..") ? [FILE_PATH, TRAVERSAL] : [FILE_PATH]) {
    for (const match of allMatches(pattern, text)) add("file-path", match.index, match.index + tokenLength(match[0]));
  }
  for (const match of allMatches(BARE_HOST, text)) {
    const rule = classifyBareHost(match[1], match[2] !== undefined);
    if (rule) add(rule, match.index, match.index + match[0].length);
  }
  for (const match of allMatches(BARE_IPV4, text)) {
    if (isPrivateAddress(match[0])) add("private-ip", match.index, match.index + match[0].length);
  }
  for (const match of allMatches(BARE_IPV6, text)) {
    if (isIPv6(match[0]) && isPrivateAddress(match[0])) add("private-ip", match.index, match.index + match[0].length);
  }
  return detections;
}
