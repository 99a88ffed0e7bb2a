import { parseArgs } from "node:util";
import { issueToken } from "../auth/tokens.js";
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";
import { Role } from "../domain/vocabulary.js";
import { DomainError, ErrorCode } from "../errors.js";
import { ApiTokenService } from "../modules/api-token/api-token.service.js";

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
  if (!id) throw new ConfigError(USAGE);
  const { token, revokedNow } = await new ApiTokenService(database.db).revoke(id).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) throw new ConfigError(`No API token with id ${id}.`);
    throw error;
  });
  console.log(revokedNow ? `revoked token ${id}` : `token ${id} was already revoked at ${token.revokedAt!.toISOString()}`);
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
