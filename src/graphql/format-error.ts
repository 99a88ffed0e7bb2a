import { GraphQLError, Kind, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { DomainError, ErrorCode } from "../errors.js";

/** Codes whose messages are safe to show as they are; every other error is masked. */
const PUBLIC_CODES: ReadonlySet<string> = new Set([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  "GRAPHQL_PARSE_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** A domain error as a GraphQL error: its message, and `extensions: { ...details, code }`. */
export function graphQLErrorOf(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.details, code: error.code } });
}

/** The domain error a resolver threw, which graphql-js wraps (as its originalError) with the path and locations. */
function domainErrorIn(error: unknown): DomainError | null {
  for (let cause = error; cause; cause = (cause as GraphQLError).originalError) {
    if (cause instanceof DomainError) return cause;
    if (!(cause instanceof GraphQLError)) return null;
  }
  return null;
}

/**
 * graphql-js adds "Did you mean ...?" hints that map the schema for a caller probing it. On HTTP armor has already
 * masked them as "[Suggestion hidden]?"; both go, so that the two transports give the same message.
 */
const SUGGESTION = /\s*(?:Did you mean .+|\[Suggestion hidden\])\?/g;
const INVALID_VARIABLE = /^(Variable "\$[^"]+" got invalid value) /;

/**
 * graphql-js quotes the whole variable value when it refuses one (`Variable "$input" got invalid value { ...,
 * credential: "..." }; Field "x" was not provided.`); keep where and why, never the value: it may hold a secret.
 */
function withoutVariableValue(message: string): string {
  const match = INVALID_VARIABLE.exec(message);
  const end = message.lastIndexOf("; ");
  if (!match || end < 0) return message;
  const path = / at "[^"]*"$/.exec(message.slice(0, end))?.[0] ?? "";
  return `${match[1]}${path}; ${message.slice(end + 2)}`;
}

/**
 * Shows known errors without stack or suggestions and masks everything else: no SQL, driver message or secret
 * reaches a client, on HTTP or WebSocket. A masked error is logged with a short, parameter-free summary.
 */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const domain = domainErrorIn(error);
    if (domain) return { ...formatted, message: domain.message, extensions: { ...domain.details, code: domain.code } };
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PUBLIC_CODES.has(code)) {
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: withoutVariableValue(formatted.message).replace(SUGGESTION, ""), extensions };
    }
    logger.error({ err: summarise(error), path: formatted.path }, "internal error");
    return {
      message: "Internal server error; it has been logged. Retry, and contact support if it persists.",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * The same masking for errors that graphql-js produced directly (the WebSocket transport has no Apollo in front).
 * Errors without a code come from validation or parsing, which Apollo labels GRAPHQL_VALIDATION_FAILED, or from a
 * variable value graphql-js could not coerce, which Apollo labels BAD_USER_INPUT (they carry an originalError, so
 * they would otherwise pass for internal errors).
 */
export function formatGraphQLErrors(logger: Logger) {
  const format = formatError(logger);
  return (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      const formatted = error.toJSON();
      const known =
        formatted.extensions?.code ??
        (isBadVariable(error) ? ErrorCode.BAD_USER_INPUT : error.originalError ? undefined : ErrorCode.GRAPHQL_VALIDATION_FAILED);
      return format({ ...formatted, extensions: { ...formatted.extensions, code: known } }, error);
    });
}

/** graphql-js's refusal of a variable's value, recognised as Apollo does (isBadUserInputGraphQLError). */
function isBadVariable(error: GraphQLError): boolean {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (node?.kind !== Kind.VARIABLE_DEFINITION) return false;
  const variable = `Variable "$${node.variable.name.value}" `;
  return ["got invalid value", "of required type ", "of non-null type "].some((rest) => error.message.startsWith(variable + rest));
}

/** The root cause's name and first line: driver errors quote SQL parameters, which may hold customer text. */
export function summarise(error: unknown) {
  let cause = error as { originalError?: unknown; cause?: unknown; name?: string; message?: string; code?: string };
  while (cause?.originalError || cause?.cause) cause = (cause.originalError ?? cause.cause) as typeof cause;
  return { name: cause?.name, code: cause?.code, message: String(cause?.message ?? "").split("\n")[0].slice(0, 200) };
}
