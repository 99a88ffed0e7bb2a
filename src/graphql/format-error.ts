import type { GraphQLError, GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { ErrorCode, PUBLIC_CODES } from "../errors.js";

/** graphql-js and armor add "Did you mean ...?" hints that map the schema for a caller probing it. */
const SUGGESTION = /\s*Did you mean .+\?/g;

/**
 * Shows known errors without stack or suggestions and masks everything else: no SQL, driver message or secret
 * reaches a client, on HTTP or WebSocket. A masked error is logged with a short, parameter-free summary.
 */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PUBLIC_CODES.has(code)) {
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: formatted.message.replace(SUGGESTION, ""), extensions };
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
 * Errors without a code come from validation or parsing, which Apollo labels GRAPHQL_VALIDATION_FAILED.
 */
export function formatGraphQLErrors(logger: Logger) {
  const format = formatError(logger);
  return (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      const formatted = error.toJSON();
      const known = formatted.extensions?.code ?? (error.originalError ? undefined : ErrorCode.GRAPHQL_VALIDATION_FAILED);
      return format({ ...formatted, extensions: { ...formatted.extensions, code: known } }, error);
    });
}

/** The root cause's name and first line: driver errors quote SQL parameters, which may hold customer text. */
function summarise(error: unknown) {
  let cause = error as { originalError?: unknown; cause?: unknown; name?: string; message?: string; code?: string };
  while (cause?.originalError || cause?.cause) cause = (cause.originalError ?? cause.cause) as typeof cause;
  return { name: cause?.name, code: cause?.code, message: String(cause?.message ?? "").split("\n")[0].slice(0, 200) };
}
