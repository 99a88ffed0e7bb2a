import { createHash } from "node:crypto";
import type { SourceType } from "./vocabulary.js";

/**
 * Version 1 of the duplicate-key fingerprint.
 *
 * Canonical input: the lines `ticket-exports/fingerprint/v1`, the organization id, the source type and the
 * source id (Unicode NFC), joined by `\n`. The fingerprint is `v1:` followed by the lowercase hex sha256 of that
 * input. It depends on nothing a re-ingest or another report can change, so the same scanner source always maps to
 * the same key within an organization, and never collides across organizations.
 *
 * A future version gets a new prefix; stored v1 fingerprints stay valid.
 */
export const FINGERPRINT_VERSION = "v1";
const LABEL_PREFIX = "tex-fp-";
const LABEL_HEX_LENGTH = 16;

export interface DuplicateKeyIdentity {
  fingerprint: string;
  /** Tracker-safe: lowercase, no spaces, 23 characters (within GitHub's 50 and Jira's no-space rule). */
  label: string;
}

/** Computes the duplicate key of a source: its fingerprint and the short label trackers carry. */
export function duplicateKeyOf(organizationId: string, sourceType: SourceType, sourceId: string): DuplicateKeyIdentity {
  const canonical = ["ticket-exports/fingerprint/v1", organizationId, sourceType, sourceId.normalize("NFC")].join("\n");
  const digest = createHash("sha256").update(canonical, "utf8").digest("hex");
  return { fingerprint: `${FINGERPRINT_VERSION}:${digest}`, label: labelOf(digest) };
}

/** True for a fingerprint of a known version; anything else names no key. */
export function isFingerprint(value: string): boolean {
  return /^v1:[0-9a-f]{64}$/.test(value);
}

/** The tracker label of a fingerprint: a prefix and the first 64 bits of its digest. */
function labelOf(digest: string): string {
  return LABEL_PREFIX + digest.slice(0, LABEL_HEX_LENGTH);
}
