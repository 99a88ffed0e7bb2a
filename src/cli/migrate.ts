import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";

/** Applies the committed migrations and exits: the standalone step for deployments that migrate before rollout. */
const config = loadConfig();
try {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await applyMigrations(database);
    console.log(`migrations applied (${database.kind})`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`migrate: ${error instanceof ConfigError ? error.message : (error as Error).message.split("\n")[0]}`);
  process.exit(1);
}
