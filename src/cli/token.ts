import { parseArgs } from "node:util";
import { issueToken } from "../auth/tokens.js";
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";
import { Role } from "../domain/vocabulary.js";

const USAGE = "usage: npm run token -- --org <slug> --role <viewer|operator|admin>";

/**
 * Prints a new API token for an organization (created when new), as the last word of the output.
 * With embedded PGlite, run it while the service is stopped: PGlite's folder belongs to one process at a time.
 */
async function main() {
  const { values } = parseArgs({ options: { org: { type: "string" }, role: { type: "string" } } });
  if (!values.org || !values.role || !(values.role in Role)) throw new ConfigError(USAGE);
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await applyMigrations(database);
    const { token } = await issueToken(database.db, values.org, values.role as Role);
    console.log(`${values.role} token for ${values.org}: ${token}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`token: ${(error as Error).message.split("\n")[0]}`);
  process.exit(1);
});
