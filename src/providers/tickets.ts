import { plainTextOf } from "../domain/render/markup/plain-text.js";
import type { Block } from "../domain/render/ticket-layout.js";
import { providerError, ProviderError } from "./errors.js";
import type { ProviderTicketRef, TicketDraft } from "./types.js";

/**
 * The labels a ticket carries: the draft's plus its fingerprint label, each put in the form the tracker accepts by
 * `normalize` (default: unchanged), without duplicates. Lookups by label use the same `normalize`.
 */
export function ticketLabels(draft: TicketDraft, normalize: (label: string) => string = (label) => label): string[] {
  const labels = [...draft.labels, draft.fingerprintLabel].map(normalize).filter((label) => label !== "");
  return [...new Set(labels)];
}

/** The draft's title on one line (a summary field takes no line breaks), cut to `max` characters when given. */
export function titleLine(draft: TicketDraft, max = Infinity): string {
  return truncate(draft.title.replace(/[\r\n]+/g, " "), max);
}

/** `text` cut to `max` characters, marked with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A ticket reference out of a provider answer, or a PERMANENT error when the answer lacks one. */
export function ticketRef(service: string, key: unknown, url: unknown): ProviderTicketRef {
  if ((typeof key !== "string" && typeof key !== "number") || typeof url !== "string" || url === "") {
    throw providerError("PERMANENT", { service, said: "the answer does not identify the ticket" });
  }
  return { key: String(key), url };
}

const LABEL_CHAR = /[\p{L}\p{N}_-]/u;

/**
 * Whether `text` carries `label` as a whole token: not as part of a longer one, so that "tex-fp-0a1b" is not found
 * in "tex-fp-0a1b2c". A tracker's text search is fuzzy (tokenised, case-folded, stemmed), so every match it returns is
 * checked with this before it counts.
 */
export function carriesLabel(text: string | null | undefined, label: string): boolean {
  if (!text || !label) return false;
  for (let at = text.indexOf(label); at !== -1; at = text.indexOf(label, at + 1)) {
    const before = text[at - 1];
    const after = text[at + label.length];
    if ((before === undefined || !LABEL_CHAR.test(before)) && (after === undefined || !LABEL_CHAR.test(after))) return true;
  }
  return false;
}

/**
 * The draft's description, with a "Fingerprint label" line added when no block carries the label: on a tracker
 * without labels the description is the only place a later lookup can find it.
 */
export function describedWithLabel(draft: TicketDraft): Block[] {
  if (carriesLabel(plainTextOf(draft.description), draft.fingerprintLabel)) return draft.description;
  return [...draft.description, { kind: "paragraph", text: `Fingerprint label: ${draft.fingerprintLabel}` }];
}

/** One page of a listing: its items, and where the next page starts (none after the last). */
export interface Page<Item, Cursor> {
  items: Item[];
  next?: Cursor;
}

/**
 * The first item for which `matches` holds, reading pages from `first` on (a page number or an offset token) until
 * one matches, the listing ends, or MAX_PAGES pages were read.
 */
export async function findInPages<Item, Cursor>(
  first: Cursor,
  page: (cursor: Cursor) => Promise<Page<Item, Cursor>>,
  matches: (item: Item) => boolean,
): Promise<Item | undefined> {
  let cursor: Cursor | undefined = first;
  for (let read = 0; cursor !== undefined && read < MAX_PAGES; read++) {
    const { items, next }: Page<Item, Cursor> = await page(cursor);
    const found = items.find(matches);
    if (found) return found;
    cursor = items.length === 0 ? undefined : next;
  }
  return undefined;
}

/**
 * How many pages a lookup reads before it stops: a bound on the calls one export can make, far above any project we
 * expect (100 pages of 100 is 10,000 tickets carrying the searched text).
 */
export const MAX_PAGES = 100;

/** `answer` when it is a list, or a PERMANENT error: the tracker's word is checked before it is read. */
export function listIn<T>(service: string, answer: unknown, what: string): T[] {
  if (!Array.isArray(answer)) throw providerError("PERMANENT", { service, said: `the answer does not list the ${what}` });
  return answer as T[];
}

/** A list field of a tracker's answer, where a missing one means none; anything but a list reads as empty. */
export const itemsOf = <T>(value: T[] | null | undefined): T[] => (Array.isArray(value) ? value : []);

/**
 * What turns a ticket's `present` labels into `wanted` ones, for trackers whose edits cannot set labels and that add
 * and remove them one at a time (Asana, ClickUp, YouTrack).
 */
export function labelChanges(wanted: readonly string[], present: readonly string[]): { add: string[]; remove: string[] } {
  return { add: wanted.filter((name) => !present.includes(name)), remove: present.filter((name) => !wanted.includes(name)) };
}

/**
 * Runs `create`; when the tracker refuses it (PERMANENT) because another export made the same label in the meantime,
 * answers with what `find` finds now. Trackers that refuse a second label of one name (Linear, YouTrack) need this
 * when two sources with a new label go out at once.
 */
export async function createOrFindAgain<T>(create: () => Promise<T>, find: () => Promise<T | undefined>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    const madeMeanwhile = error instanceof ProviderError && error.kind === "PERMANENT" ? await find() : undefined;
    if (madeMeanwhile === undefined) throw error;
    return madeMeanwhile;
  }
}
