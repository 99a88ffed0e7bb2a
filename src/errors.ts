import { GraphQLError } from "graphql";

/** The `extensions.code` values clients branch on. */
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
  RATE_LIMITED: "RATE_LIMITED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  /** A document the schema or the limits refuse (what Apollo calls it too). */
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error whose message is written for the person who sent the request. */
export function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** Bad input, naming the field (a path such as `input.sources[3].affectedUrl`). */
export function badInput(field: string, message: string) {
  return clientError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
}

/** What another organization's id looks like: the same as an id that does not exist. */
export function notFound(what: string, id: string) {
  return clientError(ErrorCode.NOT_FOUND, `No ${what} with id "${id}" in your organization.`, { id });
}

/** Codes whose messages are safe to show as they are; every other error is masked. */
export const PUBLIC_CODES: ReadonlySet<string> = new Set([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  "GRAPHQL_PARSE_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);
