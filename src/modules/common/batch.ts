/**
 * Splits `items` into runs of at most `size` (default 1,000): rows per INSERT stay well under PostgreSQL's 65,535
 * parameters a statement, whatever the size of the request. (A list of ids needs no batches: see `anyId`.)
 */
export function chunks<T>(items: readonly T[], size = 1_000): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}
