import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { duplicateKeys } from "../../db/schema.js";
import { rowLoader } from "../common/loader.js";

/** Per-request loaders of duplicate keys, scoped to the caller's organization. */
export function duplicateKeyLoaders(db: Db, organizationId: string) {
  return {
    duplicateKeyById: rowLoader(
      (ids) =>
        db
          .select()
          .from(duplicateKeys)
          .where(and(eq(duplicateKeys.organizationId, organizationId), inArray(duplicateKeys.id, ids))),
      (row) => row.id,
    ),
  };
}
