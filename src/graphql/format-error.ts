import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { ErrorCode, PUBLIC_CODES } from "../errors.js";

/**
 * Shows known errors as they are and masks everything else: no stack, no SQL, no driver message reaches a client.
 * The masked error is logged with a short, parameter-free summary.
 */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PUBLIC_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
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

/** The root cause's name and first line: driver errors quote SQL parameters, which may hold customer text. */
function summarise(error: unknown) {
  let cause = error as { originalError?: unknown; cause?: unknown; name?: string; message?: string; code?: string };
  while (cause?.originalError || cause?.cause) cause = (cause.originalError ?? cause.cause) as typeof cause;
  return { name: cause?.name, code: cause?.code, message: String(cause?.message ?? "").split("\n")[0].slice(0, 200) };
}
