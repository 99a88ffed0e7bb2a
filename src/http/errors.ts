import type { Response } from "express";
import { ErrorCode, type DomainError } from "../errors.js";

/** The HTTP status of each error an HTTP route answers with; any other client error is a 400. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.EXPORT_NOT_READY]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
};

/**
 * Answers a request with a domain error: its code's status and a JSON body `{ error: code, message, ...details }`.
 * A NOT_FOUND body leaves out the id, which the URL names already.
 */
export function sendError(res: Response, error: DomainError): void {
  const { id: _named, ...unnamed } = error.details;
  const details = error.code === ErrorCode.NOT_FOUND ? unnamed : error.details;
  res.status(STATUS[error.code] ?? 400).json({ error: error.code, message: error.message, ...details });
}
