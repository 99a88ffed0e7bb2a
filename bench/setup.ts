import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { issueToken } from "../src/auth/tokens.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startServer, type RunningServer } from "../src/server.js";

export interface Bench {
  server: RunningServer;
  /** An operator token of the bench organization. */
  token: string;
  /** Counts SQL statements sent through the service's driver. */
  statements: { count: number };
  /** A second connection to the bench database, for baselines and checks. */
  sql: postgres.Sql;
  /** A new client of the bench database with one connection; end() it when done. */
  connect(): postgres.Sql;
  close(): Promise<void>;
}

/**
 * Starts the service in this process on a fresh PostgreSQL database (BENCH_DATABASE_URL names the server, default the
 * local one), with the request rate limit off: the benchmarks are the load.
 */
export async function startBench(): Promise<Bench> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const name = `tex_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const statements = { count: 0 };
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    CREDENTIAL_KEY: randomBytes(32).toString("base64"),
    PORT: "0",
    RATE_LIMIT_PER_MINUTE: "0",
    MAX_BODY_BYTES: String(64 * 1024 * 1024),
    LOG_LEVEL: "silent",
  });
  const server = await startServer(config, {
    host: "127.0.0.1",
    logger: createLogger("silent"),
    onStatement: () => void statements.count++,
  });
  const { token } = await issueToken(server.services.database.db, "bench", "admin");
  const sql = postgres(url.toString(), { max: 4, onnotice: () => {} });
  return {
    server,
    token,
    statements,
    sql,
    connect: () => postgres(url.toString(), { max: 1, onnotice: () => {} }),
    async close() {
      await sql.end();
      await server.close();
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** POSTs a GraphQL operation and returns `data`, failing loudly on errors. */
export async function graphql<T = any>(bench: Bench, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${bench.server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${bench.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body.data as T;
}
