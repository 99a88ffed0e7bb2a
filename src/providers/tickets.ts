import { providerError } from "./errors.js";
import type { ProviderTicketRef, TicketDraft } from "./types.js";

/**
 * The labels a ticket carries: the draft's plus its fingerprint label, each put in the form the tracker accepts by
 * `normalize` (default: unchanged), without duplicates. Lookups by label use the same `normalize`.
 */
export function ticketLabels(draft: TicketDraft, normalize: (label: string) => string = (label) => label): string[] {
  const labels = [...draft.labels, draft.fingerprintLabel].map(normalize).filter((label) => label !== "");
  return [...new Set(labels)];
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
