import { createHash } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { portableExports, type PortableExportRow } from "../../db/schema.js";
import { TEXT_LIMITS, text } from "../../domain/input-rules.js";
import { DomainError, ErrorCode } from "../../errors.js";
import type { PortableExportInput } from "./portable-export.input.js";

/** How long a request waits for a concurrent request with the same idempotency key to finish its file. */
const IDEMPOTENT_WAIT_MS = 120_000;
/** An unfinished file this old lost its writer (the largest exports are written in well under this). */
const STALE_BUILD_MS = 15 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The request's idempotency key as stored: trimmed, null when absent or blank; BAD_USER_INPUT past 200 characters. */
export function idempotencyKeyOf(input: PortableExportInput): string | null {
  if (input.idempotencyKey == null) return null;
  return text("input.idempotencyKey", input.idempotencyKey, TEXT_LIMITS.idempotencyKey, { required: false }) || null;
}

/** sha256 of what makes two requests the same export: a retry must send exactly this again. */
export function requestHash(input: PortableExportInput): string {
  const canonical = JSON.stringify([input.sourceIds, input.format, input.intendedTracker ?? null, Boolean(input.redact)]);
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * One export per organization and idempotency key: requests with one key in this instance share one attempt, and
 * instances meet at the key's unique index (the request whose row lands makes the file; the others wait for it).
 */
export class PortableExportIdempotency {
  /** Exports being made in this instance, by organization and idempotency key. */
  private readonly inflight = new Map<string, Promise<PortableExportRow>>();

  constructor(private readonly db: Db) {}

  /** The export made earlier with this key and request, else the one `make` makes, sharing a concurrent attempt. */
  async once(organizationId: string, key: string, hash: string, make: () => Promise<PortableExportRow>): Promise<PortableExportRow> {
    const flightKey = `${organizationId}\u0000${key}`;
    const flight = this.inflight.get(flightKey);
    if (flight) {
      await flight.catch(() => undefined);
      return (await this.earlier(organizationId, key, hash)) ?? this.once(organizationId, key, hash, make);
    }
    const attempt = (async () => (await this.earlier(organizationId, key, hash)) ?? make())();
    this.inflight.set(flightKey, attempt);
    try {
      return await attempt;
    } finally {
      this.inflight.delete(flightKey);
    }
  }

  /**
   * The export made earlier with this idempotency key: null when none, IDEMPOTENCY_KEY_REUSED when it was made from
   * other input. One still being written is waited for (IDEMPOTENCY_KEY_IN_PROGRESS after two minutes); one whose
   * writer died is deleted, freeing the key.
   */
  async earlier(organizationId: string, key: string, hash: string): Promise<PortableExportRow | null> {
    const deadline = Date.now() + IDEMPOTENT_WAIT_MS;
    for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
      const [row] = await this.db
        .select()
        .from(portableExports)
        .where(and(eq(portableExports.organizationId, organizationId), eq(portableExports.idempotencyKey, key)));
      if (!row) return null;
      if (row.requestHash !== hash) {
        throw new DomainError(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          `The idempotency key "${key.slice(0, 60)}" was used for a different export request; use a new key for new input.`,
          { portableExportId: row.id },
        );
      }
      if (row.readyAt) return row;
      if (Date.now() - row.createdAt.getTime() > STALE_BUILD_MS) {
        // Its writer died between the two phases: the key is free again.
        await this.db.delete(portableExports).where(and(eq(portableExports.id, row.id), isNull(portableExports.readyAt)));
        return null;
      }
      if (Date.now() > deadline) {
        throw new DomainError(
          ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS,
          `An export with the idempotency key "${key.slice(0, 60)}" is still being written by another request; send the same request again later to get it.`,
          { portableExportId: row.id },
        );
      }
      await sleep(wait);
    }
  }
}
