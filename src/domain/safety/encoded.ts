import { isUtf8 } from "node:buffer";
import { allMatches, isAlphanumeric } from "./matching.js";
import type { Detection } from "./rules.js";

/** Shortest base64 run decoded: 12 bytes, the shortest text worth hiding (`pwd=hunter2`). */
const MIN_BASE64_RUN = 16;
const EQUALS = 61;
/** Characters of the base64 alphabets, standard (`+/`) and URL-safe (`-_`). */
const isBase64 = (code: number) => isAlphanumeric(code) || code === 43 || code === 47 || code === 45 || code === 95;

/**
 * Runs of the base64 alphabets with their padding (at most two `=`), whole: a run that goes on with more base64 or
 * `=` after its padding, or starts with `=`, is no base64 value. A loop rather than a regex: it runs on every text.
 */
function base64Runs(text: string): [start: number, end: number][] {
  const runs: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (!isBase64(code) && code !== EQUALS) {
      i += 1;
      continue;
    }
    let end = i;
    while (end < text.length && isBase64(text.charCodeAt(end))) end += 1;
    const body = end - i;
    let padding = 0;
    while (end < text.length && text.charCodeAt(end) === EQUALS) {
      end += 1;
      padding += 1;
    }
    let next = end;
    while (next < text.length && (isBase64(text.charCodeAt(next)) || text.charCodeAt(next) === EQUALS)) next += 1;
    if (next === end && body >= MIN_BASE64_RUN && padding <= 2) runs.push([i, end]);
    i = next;
  }
  return runs;
}
/**
 * The run's bytes as text when they are printable UTF-8 (no control character but tab and line breaks), else
 * undefined. Checked byte by byte first: most runs (words, paths, hashes) fail on their first bytes.
 */
function printable(bytes: Buffer): string | undefined {
  let ascii = true;
  for (const byte of bytes) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) return undefined;
    if (byte >= 0x80) ascii = false;
  }
  if (ascii) return bytes.toString("latin1");
  return isUtf8(bytes) ? bytes.toString("utf8") : undefined;
}

// PBES2 (1.2.840.113549.1.5.13), which encrypted PKCS#8 keys name first.
const PBES2 = Buffer.from("06092a864886f70d01050d", "hex");
const OPENSSH = Buffer.from("openssh-key-v1\0", "latin1");

/**
 * Whether DER (or OpenSSH) bytes hold a private key: an OpenSSH key, or a SEQUENCE whose first element is a small
 * INTEGER version (PKCS#1 RSA, SEC1 EC, DSA and PKCS#8 keys start so, as do PKCS#12 bundles) or PBES2's identifier
 * (encrypted PKCS#8). Certificates, public keys and signing requests start with a SEQUENCE inside the SEQUENCE.
 */
export function isPrivateKeyDer(bytes: Buffer): boolean {
  if (bytes.subarray(0, OPENSSH.length).equals(OPENSSH)) return true;
  if (bytes[0] !== 0x30 || bytes.length < 8) return false;
  const first = bytes[1] & 0x80 ? 2 + (bytes[1] & 0x7f) : 2;
  if (bytes[first] === 0x02 && bytes[first + 1] === 0x01 && bytes[first + 2] <= 3) return true;
  return bytes.subarray(first, first + 24).includes(PBES2);
}

/** Shortest run of hexadecimal digits also decoded as hex: 12 bytes, as for base64. */
const MIN_HEX_RUN = 24;
const HEX_RUN = /^(?:[0-9a-f]{2})+$|^(?:[0-9A-F]{2})+$/;

/**
 * Base64 runs whose bytes hide something, and runs of hexadecimal digits read as hex too: printable text is scanned
 * by `scan` (a token, a password, an address wrapped in base64), and the whole run is reported under the most specific
 * rule found in it (picked by `strongest`); bytes of a private key are reported as `private-key`. Binary data
 * (images, hashes) and runs of ordinary words, which do not decode to printable text, pass.
 */
export function detectBase64Runs(
  text: string,
  scan: (decoded: string) => Detection[],
  strongest: (inner: readonly Detection[], start: number, end: number) => Detection | undefined,
): Detection[] {
  const detections: Detection[] = [];
  for (const [start, end] of base64Runs(text)) {
    const run = text.slice(start, end);
    const readings = [Buffer.from(run, "base64")];
    if (run.length >= MIN_HEX_RUN && HEX_RUN.test(run)) readings.push(Buffer.from(run, "hex"));
    for (const bytes of readings) {
      const decoded = printable(bytes);
      const found = isPrivateKeyDer(bytes)
        ? { rule: "private-key" as const, start, end }
        : decoded === undefined
          ? undefined
          : strongest(scan(decoded), start, end);
      if (found) detections.push(found);
    }
  }
  return detections;
}

/** Whether `text` holds a run of 40 standard base64 characters, as long as the shortest line of a key. */
function hasKeyLine(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    run = isAlphanumeric(code) || code === 43 || code === 47 ? run + 1 : 0;
    if (run === 40) return true;
  }
  return false;
}

// Lines of a PEM body: 40 to 80 base64 characters each (PEM wraps at 64, OpenSSH at 70), real or `\n`-escaped breaks.
const KEY_BODY =
  /(?<![A-Za-z0-9+/=])(?:[A-Za-z0-9+/]{40,80}[ \t]*(?:\r?\n|\\n)[ \t]*){2,1024}[A-Za-z0-9+/]{0,80}={0,2}(?:[ \t]*(?:\r?\n|\\n)[ \t]*-{4,5} ?END[ A-Z0-9]{0,40} PRIVATE KEY(?: BLOCK)? ?-{4,5})?/g;

/**
 * The body of a private key without its BEGIN line (cut off, or removed to get past a scanner): lines of base64 that
 * either decode to a key ({@link isPrivateKeyDer}) or end at an `END … PRIVATE KEY` line.
 */
export function detectKeyBodies(text: string): Detection[] {
  // A real line break, or an escaped one (`\n` in JSON), and a run as long as a line.
  if ((!text.includes("\n") && !text.includes("\\n")) || !hasKeyLine(text)) return [];
  const detections: Detection[] = [];
  for (const match of allMatches(KEY_BODY, text)) {
    const withEnd = /END[ A-Z0-9]{0,40} PRIVATE KEY/.test(match[0]);
    const body = match[0].replace(/-{4,5} ?END[\s\S]*$/, "").replace(/\\n|\s/g, "");
    if (withEnd || isPrivateKeyDer(Buffer.from(body, "base64"))) {
      detections.push({ rule: "private-key", start: match.index, end: match.index + match[0].length });
    }
  }
  return detections;
}
