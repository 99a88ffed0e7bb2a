import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import DataLoader from "dataloader";
import { duplicateKeys, type DuplicateKeyRow } from "../../db/schema.js";
import { isFingerprint } from "../../domain/fingerprint.js";
import { anyId, anyText } from "../common/ids.js";
import { rowLoader } from "../common/loader.js";

/** Per-request loaders of duplicate keys, scoped to the caller's organization. */
export function duplicateKeyLoaders(db: Db, organizationId: string) {
  return {
    duplicateKeyById: rowLoader(
      (ids) =>
        db
          .select()
          .from(duplicateKeys)
          .where(and(eq(duplicateKeys.organizationId, organizationId), anyId(duplicateKeys.id, ids))),
      (row) => row.id,
    ),
    duplicateKeyByFingerprint: new DataLoader<string, DuplicateKeyRow | null>(async (fingerprints) => {
      const wanted = fingerprints.filter(isFingerprint);
      const rows = wanted.length
        ? await db
            .select()
            .from(duplicateKeys)
            .where(and(eq(duplicateKeys.organizationId, organizationId), anyText(duplicateKeys.fingerprint, wanted)))
        : [];
      const byFingerprint = new Map(rows.map((row) => [row.fingerprint, row]));
      return fingerprints.map((fingerprint) => byFingerprint.get(fingerprint) ?? null);
    }),
  };
}
