import DataLoader from "dataloader";

/** One row per id (or null): a single query for every id asked in the same tick. */
export function rowLoader<R>(fetch: (ids: readonly string[]) => Promise<R[]>, keyOf: (row: R) => string) {
  return new DataLoader<string, R | null>(async (keys) => {
    const byKey = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Many rows per id, in the order the query returned them; a row may belong to several ids. */
export function groupLoader<R>(fetch: (ids: readonly string[]) => Promise<R[]>, keysOf: (row: R) => string | readonly string[]) {
  return new DataLoader<string, R[]>(async (keys) => {
    const groups = new Map<string, R[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) {
      const owners = keysOf(row);
      for (const owner of typeof owners === "string" ? [owners] : owners) groups.get(owner)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
