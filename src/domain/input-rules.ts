/**
 * The limits every request is checked against, in one place. Each breach is BAD_USER_INPUT naming the field, so a
 * person can fix the request; nothing past a limit reaches the database.
 */
import { badInput } from "../errors.js";
import { unstorable } from "./storable-text.js";

/** Longest text per field, in UTF-16 code units after trimming. */
export const TEXT_LIMITS = {
  /** A scanner's identifier: a source's sourceId, a report's externalId. */
  id: 200,
  title: 500,
  url: 2_048,
  description: 50_000,
  label: 100,
  criterion: 2_000,
  /** A provider target's name. */
  name: 200,
  projectKey: 200,
  /** A tracker credential: it travels in an HTTP header. */
  credential: 8_192,
  /** Why the customer requires a file. */
  reason: 1_000,
  idempotencyKey: 200,
} as const;

/** Most entries per list of a source. */
export const LIST_LIMITS = { labels: 50, acceptanceCriteria: 100, evidenceLinks: 50 } as const;

/** Most sources one call names: larger reports ingest in several calls; a file may hold a whole large report. */
export const SOURCE_LIMITS = { perCall: 5_000, perIngest: 5_000, perExport: 100_000 } as const;

export interface PageLimits {
  /** The size of a page when `first` is absent. */
  fallback: number;
  max: number;
}

/** Page sizes of the paginated lists: each list keeps its own documented maximum. */
export const PAGE_SIZES = {
  /** Relay connections: `reports`, `exportSources`, `Report.sources`. */
  connection: { fallback: 50, max: 500 },
  /** `exportStatusEvents`: a dashboard catching up on a log reads more per call. */
  statusEvents: { fallback: 500, max: 1_000 },
} as const satisfies Record<string, PageLimits>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID: ids of ours are UUIDs, so anything else names nothing. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * `value` trimmed, at most `max` long and storable as PostgreSQL text (refused here rather than by the database, so
 * that a whole call stays atomic and the reason clear). Default: required, so empty is refused.
 * @throws DomainError BAD_USER_INPUT naming `field`.
 */
export function text(field: string, value: string, max: number, { required = true } = {}): string {
  const trimmed = value.trim();
  if (required && trimmed.length === 0) throw badInput(field, "must not be empty.");
  if (trimmed.length > max) throw badInput(field, `must be at most ${max} characters, got ${trimmed.length}.`);
  const problem = unstorable(trimmed);
  if (problem) throw badInput(field, problem);
  return trimmed;
}

/** Each entry of an optional list checked by `each` (given its path, `field[i]`); at most `max` entries. */
export function list<T, R>(field: string, values: readonly T[] | null | undefined, max: number, each: (value: T, path: string) => R): R[] {
  const items = values ?? [];
  if (items.length > max) throw badInput(field, `takes at most ${max} entries, got ${items.length}.`);
  return items.map((value, index) => each(value, `${field}[${index}]`));
}

/** A list of source ids one operation acts on: at least one, at most `max`, none twice. */
export function sourceIdList(field: string, ids: readonly string[], max: number): void {
  if (ids.length === 0) throw badInput(field, "name at least one source.");
  if (ids.length > max) throw badInput(field, `takes at most ${max} sources per call, got ${ids.length}.`);
  if (new Set(ids).size !== ids.length) throw badInput(field, "names a source more than once.");
}

/** The size of a page: `limits.fallback` when `first` is absent, else a whole number from 1 to `limits.max`. */
export function pageSize(first: number | null | undefined, limits: PageLimits, field = "first"): number {
  if (first == null) return limits.fallback;
  if (!Number.isInteger(first) || first < 1 || first > limits.max) {
    throw badInput(field, `must be from 1 to ${limits.max}, got ${first}.`);
  }
  return first;
}
