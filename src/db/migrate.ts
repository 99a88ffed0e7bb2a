import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Database } from "./client.js";

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));
/** Any constant: serialises migrations of several instances starting at once on one PostgreSQL. */
const MIGRATION_LOCK = 724_517_001;

/** Applies the committed migrations in `drizzle/`; applying them again is a no-op. */
export async function applyMigrations(database: Database): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  await database.withSessionLock(MIGRATION_LOCK, () =>
    migratePostgres(database.db as unknown as PostgresJsDatabase, { migrationsFolder }),
  );
}

/** How many migrations the code ships with, to tell whether a database is up to date. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

/** True when every shipped migration is recorded as applied. */
export async function migrationsApplied(database: Database): Promise<boolean> {
  const [row] = await database.rows<{ count: number | string }>(
    sql`select count(*) as count from drizzle.__drizzle_migrations`,
  );
  return Number(row?.count) >= expectedMigrationCount();
}
