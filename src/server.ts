import "reflect-metadata";
import { createServer, type Server } from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler } from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { ConfigError, type Config } from "./config.js";
import { createContext, type Context } from "./context.js";
import { createCredentialBox, resolveCredentialKey } from "./crypto/credential-box.js";
import { openDatabase, type Database } from "./db/client.js";
import { applyMigrations } from "./db/migrate.js";
import { createArmor } from "./graphql/armor.js";
import { formatError } from "./graphql/format-error.js";
import { serveWebSocket } from "./graphql/websocket.js";
import { authenticateRequests, principalOf } from "./http/authenticate.js";
import { consoleRoutes } from "./http/console.js";
import { rateLimit } from "./http/rate-limit.js";
import { downloadRoutes } from "./http/download.js";
import { healthRoutes } from "./http/health.js";
import { createLogger } from "./logger.js";
import { buildApiSchema } from "./schema.js";
import { createServices, type Services } from "./services.js";

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  port: number;
  services: Services;
  /** Stops accepting, drains open requests and sockets, then closes the database. */
  close(): Promise<void>;
}

export interface ServerOptions {
  logger?: Logger;
  /** Host to bind. Default "0.0.0.0". */
  host?: string;
  onStatement?: () => void;
}

/**
 * Resolves the credential key, opens the database, applies migrations and serves GraphQL (HTTP and WebSocket) on one
 * port. A configuration a person must fix (a missing key, an unreachable database) is a ConfigError.
 */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  // Before the database: a deployment without its key must not even migrate.
  const credentials = createCredentialBox(resolveCredentialKey(config));
  const database = await connect(config, options.onStatement);
  try {
    await applyMigrations(database);
    const services = createServices(config, database, logger, credentials);
    await services.statusFeed.start();
    const schema = await buildApiSchema();
    return await listen(config, options.host ?? "0.0.0.0", schema, services);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

async function connect(config: Config, onStatement?: () => void): Promise<Database> {
  try {
    const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, onStatement });
    await database.ping().catch(async (error: unknown) => {
      await database.close().catch(() => undefined);
      throw error;
    });
    return database;
  } catch (error) {
    const where = config.databaseUrl ? `PostgreSQL at ${redactUrl(config.databaseUrl)}` : `PGlite in ${config.dataDir}`;
    throw new ConfigError(`Cannot open ${where}: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** The URL without its password, for messages. */
function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(unparsable URL)";
  }
}

async function listen(config: Config, host: string, schema: GraphQLSchema, services: Services): Promise<RunningServer> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer: Server = createServer(app);
  const armor = createArmor(config.production);
  const websocket = await serveWebSocket(httpServer, schema, services, armor);

  const apollo = new ApolloServer<Context>({
    schema,
    formatError: formatError(services.logger),
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: armor.apollo.validationRules,
    plugins: [
      // No response uses cache hints; without this plugin Apollo wraps every field resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      ...armor.apollo.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: () => websocket.dispose() }) },
    ],
  });
  await apollo.start();

  app.use(healthRoutes(services.database));
  app.use(consoleRoutes());
  app.use(authenticateRequests(services.database.db), rateLimit(config.rateLimitPerMinute));
  app.use(downloadRoutes(services));
  app.use(
    "/graphql",
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(apollo, { context: async ({ res }) => createContext(services, principalOf(res)) }),
  );
  app.use(bodyErrors(services));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, host, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  services.logger.info({ port, database: services.database.kind }, "ticket exports service listening");

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
    port,
    services,
    close: () =>
      (closing ??= (async () => {
        await apollo.stop();
        await services.statusFeed.stop();
        await services.database.close();
      })()),
  };
}

/** Express's own errors (an oversized or malformed body) as JSON; anything else is masked and logged. */
function bodyErrors(services: Services): ErrorRequestHandler {
  return (error: { status?: number; type?: string; message?: string }, _req, res, _next) => {
    if (error.status === 413) {
      res.status(413).json({ error: "PAYLOAD_TOO_LARGE", message: `The request body is over ${services.config.maxBodyBytes} bytes.` });
    } else if (error.status === 400) {
      res.status(400).json({ error: "BAD_REQUEST", message: "The request body is not valid JSON." });
    } else {
      services.logger.error({ err: { message: String(error.message).split("\n")[0] } }, "request failed");
      res.status(500).json({ error: "INTERNAL_SERVER_ERROR", message: "Internal server error; it has been logged." });
    }
  };
}
