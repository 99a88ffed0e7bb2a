import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { ConfigError } from "../config.js";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction, or the database itself: what a statement runs on. */
export type Executor = Pick<Db, "select" | "selectDistinct" | "selectDistinctOn" | "insert" | "update" | "delete" | "execute" | "$count">;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface DatabaseOptions {
  /** PostgreSQL URL; absent means embedded PGlite in `dataDir`. */
  url: string | null;
  dataDir: string;
  /** Called once per SQL statement sent to the driver (benchmarks count statements with it). */
  onStatement?: () => void;
  /** Pool size for PostgreSQL. Default 10. */
  maxConnections?: number;
}

export interface Listener {
  close(): Promise<void>;
}

export interface Database {
  readonly kind: "pglite" | "postgres";
  readonly db: Db;
  /** Runs a raw statement and returns its rows, whatever shape the driver gives them in. */
  rows<T>(statement: SQL, executor?: Executor): Promise<T[]>;
  /**
   * Runs a statement whose columns are all text and returns each row as an array of its values: the UTF-8 bytes as
   * they came over the wire with postgres.js (no string is decoded, so a long download does not pass through the
   * JS heap twice), strings on PGlite, which runs in this process anyway.
   */
  textRows(statement: SQL): Promise<(Uint8Array | string)[][]>;
  /**
   * Listens on `channel` through a dedicated connection. `onConnect` runs after every (re)connection, so the
   * caller can backfill what NOTIFY dropped while the connection was down.
   */
  listen(channel: string, onMessage: (payload: string) => void, onConnect?: () => void): Promise<Listener>;
  /**
   * Runs `work` while holding a PostgreSQL session advisory lock on `key`, so that several instances never run it at
   * once. PGlite belongs to one process, so there it simply runs.
   */
  withSessionLock<T>(key: number, work: () => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the database: PGlite in `dataDir` by default, PostgreSQL through postgres.js when `url` is set. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options.dataDir, options);
}

/** Runs a raw statement and returns its rows: postgres.js answers an array of rows, PGlite an object holding them. */
export async function executeRows<T>(executor: Executor, statement: SQL): Promise<T[]> {
  const result: unknown = await executor.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Turns drizzle SQL into text and parameters for the drivers' own query methods. */
const dialect = new PgDialect();

function statementLogger(onStatement?: () => void) {
  return onStatement ? { logQuery: () => onStatement() } : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is single-process: a second process opening the same folder would corrupt it. A pid file claims the folder
 * and is released on close; one left by a dead process is taken over.
 */
function claimDataDir(dataDir: string): () => void {
  const file = join(dataDir, "ticket-exports.pid");
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(file, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new ConfigError(
          `${dataDir} is in use by process ${owner}; embedded PGlite serves one process at a time (stop it first, or use DATABASE_URL).`,
        );
      }
      rmSync(file, { force: true });
    }
  }
}

async function openPglite(dataDir: string, options: DatabaseOptions): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const release = claimDataDir(dataDir);
  const client = await PGlite.create(dataDir).catch((error: unknown) => {
    release();
    throw error;
  });
  const db = drizzlePglite({ client, schema, logger: statementLogger(options.onStatement) }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    rows: (statement, executor = db) => executeRows(executor, statement),
    async textRows(statement) {
      const { sql: text, params } = dialect.sqlToQuery(statement);
      // Past drizzle, so its logger does not see it: counted here like every other statement.
      options.onStatement?.();
      return (await client.query<string[]>(text, params, { rowMode: "array" })).rows;
    },
    async listen(channel, onMessage, onConnect) {
      // PGlite folds unquoted channel names to lower case; quoting keeps the name as NOTIFY sends it.
      const unlisten = await client.listen(`"${channel}"`, onMessage);
      onConnect?.();
      return { close: () => unlisten() };
    },
    withSessionLock: (_key, work) => work(),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const onStatement = options.onStatement;
  const client = postgres(url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    debug: onStatement ? () => onStatement() : undefined,
  });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    rows: (statement, executor = db) => executeRows(executor, statement),
    async textRows(statement) {
      const { sql: text, params } = dialect.sqlToQuery(statement);
      return client.unsafe(text, params as postgres.ParameterOrJSON<never>[]).raw();
    },
    async listen(channel, onMessage, onConnect) {
      // postgres.js keeps one connection for all listeners and calls onlisten again after each reconnect.
      const subscription = await client.listen(channel, onMessage, onConnect);
      return { close: () => subscription.unlisten() };
    },
    async withSessionLock(key, work) {
      const connection = await client.reserve();
      try {
        await connection`select pg_advisory_lock(${key})`;
        return await work();
      } finally {
        await connection`select pg_advisory_unlock(${key})`.catch(() => undefined);
        connection.release();
      }
    },
    ping: async () => {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

export { schema };
