import type { RequestHandler } from "express";
import { DomainError, ErrorCode } from "../errors.js";
import { principalOf } from "./authenticate.js";
import { sendError } from "./errors.js";

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * A token bucket per API token (per client address for anonymous requests), in this instance's memory: up to
 * `perMinute` requests in a burst, refilled at `perMinute` a minute. Past it: 429 with Retry-After in seconds.
 * `perMinute` 0 turns the limit off.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now): RequestHandler {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  let sweptAt = now();
  return (req, res, next) => {
    if (perMinute === 0) return next();
    const at = now();
    if (at - sweptAt > 60_000) {
      // A full bucket carries no information: forget it, so that the map holds only recent callers.
      for (const [key, bucket] of buckets) if (bucket.tokens + (at - bucket.refilledAt) * perMs >= perMinute) buckets.delete(key);
      sweptAt = at;
    }
    const key = principalOf(res)?.tokenId ?? `ip:${req.ip}`;
    const bucket = buckets.get(key) ?? { tokens: perMinute, refilledAt: at };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.refilledAt) * perMs);
    bucket.refilledAt = at;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return next();
    }
    const retryAfter = Math.ceil((1 - bucket.tokens) / perMs / 1000);
    res.set("Retry-After", String(retryAfter));
    sendError(
      res,
      new DomainError(ErrorCode.RATE_LIMITED, `Too many requests for this token: at most ${perMinute} a minute. Retry in ${retryAfter} s.`, {
        retryAfter,
      }),
    );
  };
}
