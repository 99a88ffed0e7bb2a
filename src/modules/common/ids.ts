import { sql, type Column, type SQL } from "drizzle-orm";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID; ids of ours are UUIDs, so anything else names nothing and never reaches SQL. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function uuidsOnly(values: readonly string[]): string[] {
  return values.filter(isUuid);
}

/**
 * `column = any($1::uuid[])`: one parameter for the whole list. An IN list costs a parameter per id to build, send
 * and parse, which dominates the loaders' statements.
 */
export function anyId(column: Column, ids: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(ids)}::uuid[])`;
}
