import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { providerTargets } from "../../db/schema.js";
import type { TargetSnapshot } from "../../domain/fallback-decision.js";
import { anyId } from "../common/ids.js";
import { rowLoader } from "../common/loader.js";
import { targetSnapshots } from "./provider-target.service.js";

/** Per-request loaders of provider targets, scoped to the caller's organization. */
export function providerTargetLoaders(db: Db, organizationId: string) {
  let snapshots: Promise<TargetSnapshot[]> | null = null;
  return {
    providerTargetById: rowLoader(
      (ids) =>
        db
          .select()
          .from(providerTargets)
          .where(and(eq(providerTargets.organizationId, organizationId), anyId(providerTargets.id, ids))),
      (row) => row.id,
    ),
    /** The organization's targets as a fresh decision weighs them, read once per request however many sources ask. */
    targetSnapshots: () => (snapshots ??= targetSnapshots(db, organizationId)),
  };
}
