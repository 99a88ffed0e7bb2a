export { adapterFor, NATIVE_PROVIDERS, type AdapterForOptions } from "./registry.js";
export { classifyResponse, ProviderError, type ProviderErrorKind } from "./errors.js";
export { retryAfterFrom } from "./rate-limit.js";
export { withRetries, type RetryOptions } from "./retry.js";
export type { ProviderAdapter, ProviderTicketRef, TargetConnection, TicketDraft } from "./types.js";
