import { parseArgs } from "node:util";
import { and, eq, isNull, sql } from "drizzle-orm";
import { issueToken } from "../auth/tokens.js";
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import { apiTokens } from "../db/schema.js";
import { applyMigrations } from "../db/migrate.js";
import { isUuid } from "../domain/input-rules.js";
import { Role } from "../domain/vocabulary.js";
import { TOKEN_REVOKED_CHANNEL } from "../modules/api-token/api-token.service.js";

const USAGE = [
  "usage: npm run token -- --org <slug> --role <viewer|operator|admin>",
  "       npm run token -- revoke --id <token id>",
].join("\n");

async function create(database: Database, org: string | undefined, role: string | undefined) {
  if (!org || !role || !Object.hasOwn(Role, role)) throw new ConfigError(USAGE);
  const { token, tokenId } = await issueToken(database.db, org, role as Role);
  console.log(`${role} token for ${org} (id ${tokenId}): ${token}`);
}

async function revoke(database: Database, id: string | undefined) {
  if (!id || !isUuid(id)) throw new ConfigError(USAGE);
  const [token] = await database.db.select({ revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.id, id));
  if (!token) throw new ConfigError(`No API token with id ${id}.`);
  if (token.revokedAt) {
    console.log(`token ${id} was already revoked at ${token.revokedAt.toISOString()}`);
    return;
  }
  await database.db.transaction(async (tx) => {
    await tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
    // Running instances close the sockets opened with this token.
    await tx.execute(sql`select pg_notify(${TOKEN_REVOKED_CHANNEL}, ${id})`);
  });
  console.log(`revoked token ${id}`);
}

/**
 * Creates an API token for an organization (created when new) and prints it as the last word of the output, or
 * revokes one by id. With embedded PGlite, run it while the service is stopped: PGlite's folder belongs to one
 * process at a time.
 */
async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { org: { type: "string" }, role: { type: "string" }, id: { type: "string" } },
  });
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await applyMigrations(database);
    if (positionals[0] === "revoke") await revoke(database, values.id);
    else if (positionals.length === 0) await create(database, values.org, values.role);
    else throw new ConfigError(USAGE);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  const message = (error as Error).message;
  console.error(error instanceof ConfigError ? message : `token: ${message.split("\n")[0]}`);
  process.exit(1);
});
