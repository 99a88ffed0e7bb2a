import type { RequestHandler, Response } from "express";
import type { Principal } from "../auth/tokens.js";
import { authenticate, bearerToken } from "../auth/tokens.js";
import type { Db } from "../db/client.js";

/** Resolves the bearer token once per request into `res.locals.principal` (null when absent or not valid). */
export function authenticateRequests(db: Db): RequestHandler {
  return async (req, res, next) => {
    try {
      const token = bearerToken(req.headers.authorization);
      res.locals.principal = token ? await authenticate(db, token) : null;
      next();
    } catch (error) {
      next(error);
    }
  };
}

export function principalOf(res: Response): Principal | null {
  return (res.locals.principal as Principal | null | undefined) ?? null;
}
