/**
 * The one way an id from a request reaches SQL. Ids of ours are UUIDs, so a value that is not one names no row and
 * is dropped here, whatever the edge it came through: a look-up by it finds nothing (null, NOT_FOUND or 404 as the
 * caller decides), and PostgreSQL never sees it (a uuid cast of it would fail the whole statement).
 */
import { eq, sql, type Column, type SQL } from "drizzle-orm";
import { isUuid } from "../../domain/input-rules.js";

/**
 * `column = any($1::uuid[])`: one parameter for the whole list, however long. An IN list costs a parameter per id to
 * build, send and parse, which dominates the loaders' statements, and stops at 65,535.
 */
export function anyId(column: Column, ids: readonly string[]): SQL {
  const valid = ids.filter(isUuid);
  return valid.length ? sql`${column} = any(${sql.param(valid)}::uuid[])` : sql`false`;
}

/** `column = $1` for one id from a request: false, matching nothing, when it is not a UUID. */
export function idIs(column: Column, id: string): SQL {
  return isUuid(id) ? eq(column, id) : sql`false`;
}

/** `column = any($1::text[])`: one parameter for a list of text values, as `anyId` for ids. */
export function anyText(column: Column, values: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(values)}::text[])`;
}
