import { ConfigError, loadConfig } from "./config.js";
import { startServer } from "./server.js";

try {
  const server = await startServer(loadConfig());
  const stop = async (signal: string) => {
    server.services.logger.info({ signal }, "shutting down");
    await server.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
} catch (error) {
  // A configuration a person must fix gets one line, not a stack trace.
  if (error instanceof ConfigError) {
    console.error(`ticket-exports: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
