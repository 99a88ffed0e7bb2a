import { pino, type Logger } from "pino";

/** Paths pino removes from every log line, whatever the caller passes: credentials and tokens never reach a log. */
const REDACTED_PATHS = [
  "credential",
  "*.credential",
  "authorization",
  "*.authorization",
  "req.headers.authorization",
  "headers.authorization",
  "token",
  "*.token",
  "connectionParams",
];

/** Creates the service logger (JSON lines on stdout). */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } });
}
