/** The `extensions.code` values clients branch on; on HTTP, the `error` of a refusal's JSON body. */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  PROVIDER_NATIVE_AVAILABLE: "PROVIDER_NATIVE_AVAILABLE",
  UNSAFE_PREVIEW_BLOCKED: "UNSAFE_PREVIEW_BLOCKED",
  IMPORT_BOUNDARY_NOT_ACKNOWLEDGED: "IMPORT_BOUNDARY_NOT_ACKNOWLEDGED",
  IDEMPOTENCY_KEY_REUSED: "IDEMPOTENCY_KEY_REUSED",
  /** Another request with the key is still writing its file: the same request, sent again later, gets it. */
  IDEMPOTENCY_KEY_IN_PROGRESS: "IDEMPOTENCY_KEY_IN_PROGRESS",
  /** A download asked for before its file was written. */
  EXPORT_NOT_READY: "EXPORT_NOT_READY",
  RATE_LIMITED: "RATE_LIMITED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  /** A document the schema or the limits refuse (what Apollo calls it too). */
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An error whose message is written for the person who sent the request: what services and domain rules throw.
 * The edges show it: as a GraphQL error with `extensions: { ...details, code }` (graphql/format-error.ts), as an
 * HTTP status with a JSON body (http/errors.ts). Any other error is masked there as an internal one.
 */
export class DomainError extends Error {
  override name = "DomainError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What a client may branch on besides the code (a field, ids, findings); never a secret. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** Bad input, naming the field (a path such as `input.sources[3].affectedUrl`). */
export function badInput(field: string, problem: string) {
  return new DomainError(ErrorCode.BAD_USER_INPUT, `${field}: ${problem}`, { field });
}

/** What another organization's id looks like: the same as an id that does not exist. */
export function notFound(what: string, id: string) {
  return new DomainError(ErrorCode.NOT_FOUND, `No ${what} with id "${id}" in your organization.`, { id });
}
