import DataLoader from "dataloader";
import { uuidsOnly } from "./ids.js";

/** One row per id (or null): a single query for every id asked in the same tick; non-UUIDs never reach SQL. */
export function rowLoader<R>(fetch: (ids: string[]) => Promise<R[]>, keyOf: (row: R) => string) {
  return new DataLoader<string, R | null>(async (keys) => {
    const ids = uuidsOnly(keys);
    const byKey = new Map((ids.length ? await fetch(ids) : []).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Many rows per id, in the order the query returned them; a row may belong to several ids. */
export function groupLoader<R>(fetch: (ids: string[]) => Promise<R[]>, keysOf: (row: R) => string | readonly string[]) {
  return new DataLoader<string, R[]>(async (keys) => {
    const ids = uuidsOnly(keys);
    const groups = new Map<string, R[]>(keys.map((key) => [key, []]));
    for (const row of ids.length ? await fetch(ids) : []) {
      const owners = keysOf(row);
      for (const owner of typeof owners === "string" ? [owners] : owners) groups.get(owner)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
