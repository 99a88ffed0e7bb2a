import { issueToken } from "../../src/auth/tokens.js";
import { loadConfig } from "../../src/config.js";
import type { Role } from "../../src/domain/vocabulary.js";
import { createLogger } from "../../src/logger.js";
import { startServer, type RunningServer } from "../../src/server.js";
import type { Backend } from "./backends.js";

export interface GraphQLResponse<T = any> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  url: string;
  server: RunningServer;
  env: Record<string, string>;
  /** A new token for the organization `org` (created when new), as `npm run token` makes it. */
  token(org: string, role?: Role): Promise<string>;
  /** POSTs a GraphQL operation over HTTP with the bearer token. */
  graphql<T = any>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like `graphql`, but fails the test on any error and returns `data`. */
  ok<T = any>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Stops this server and starts a new one on the same database, which then owns it. */
  restart(): Promise<TestServer>;
  /** A second instance on the same database (PostgreSQL only makes sense); closing it keeps the database. */
  sibling(): Promise<TestServer>;
  /** Stops the server and throws the database away. */
  close(): Promise<void>;
}

/**
 * Starts the real service on a random port over a fresh database of `backend`.
 * `env` adds or overrides configuration (DEPLOYMENT_MODE, PROVIDER_ENDPOINT_ALLOWLIST, ...).
 */
export async function startTestServer(backend: Backend, env: Record<string, string> = {}): Promise<TestServer> {
  const database = await backend.create();
  const fullEnv = { ...database.env, LOG_LEVEL: "silent", PORT: "0", ...env };
  const server = await startServer(loadConfig(fullEnv), {
    host: "127.0.0.1",
    logger: createLogger(fullEnv.LOG_LEVEL),
  });
  return wrap(server, fullEnv, database.drop);
}

async function startOn(env: Record<string, string>, drop: () => Promise<void>) {
  const server = await startServer(loadConfig(env), { host: "127.0.0.1", logger: createLogger(env.LOG_LEVEL) });
  return wrap(server, env, drop);
}

function wrap(server: RunningServer, env: Record<string, string>, drop: () => Promise<void>): TestServer {
  const graphql = async (token: string | null, query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  return {
    url: server.url,
    server,
    env,
    token: async (org, role = "admin") => (await issueToken(server.services.database.db, org, role)).token,
    graphql,
    async ok(token, query, variables) {
      const result = await graphql(token, query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
    async restart() {
      await stop();
      const next = await startOn(env, drop);
      drop = async () => {};
      return next;
    },
    sibling: () => startOn(env, async () => {}),
    async close() {
      await stop();
      await drop();
    },
  };
}
