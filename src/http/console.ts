import { join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router, type RequestHandler } from "express";

/** The console's build output (console/dist, made by `npm run console:build`), from src/http/ and dist/http/ alike. */
export const CONSOLE_DIR = fileURLToPath(new URL("../../console/dist/", import.meta.url));

/** The pages the console answers at; each gets index.html and routes itself in the browser. */
const PAGES = ["/", "/reports/:id/ticket-exports"];

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The console's Content-Security-Policy: its own scripts, styles and images only, nothing inline, no frames, no
 * plugins, Trusted Types for DOM sinks, and connections to this origin alone: HTTP for queries and downloads, and
 * the same host's ws:/wss: for subscriptions (CSP 3 counts them in 'self'; browsers before it need them named). A
 * Host header that is not a plain host[:port] adds nothing.
 */
export function consolePolicy(host: string | undefined): string {
  const sockets = host && HOST.test(host) ? ` ws://${host} wss://${host}` : "";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src 'self'${sockets}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
  ].join("; ");
}

const securityHeaders: RequestHandler = (req, res, next) => {
  res.set({
    "Content-Security-Policy": consolePolicy(req.headers.host),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
  });
  next();
};

/**
 * Serves the built console: index.html at `/` and `/reports/:id/ticket-exports` (revalidated on every load, so a
 * new build shows at once), and `/assets/*`, whose names carry a content hash, cached for a year as immutable. When
 * the console is not built, its pages answer 503 saying how to build it; the API is unaffected.
 */
export function consoleRoutes(dir: string = CONSOLE_DIR): Router {
  const router = Router();
  router.get(PAGES, securityHeaders, (_req, res) => {
    res.sendFile("index.html", { root: dir, cacheControl: false, headers: { "Cache-Control": "no-cache" } }, (error) => {
      if (!error || res.headersSent) return;
      res
        .status(503)
        .type("text/plain")
        .send("The console is not built. Run `npm run console:build` (npm start builds it when it is missing or stale).\n");
    });
  });
  router.use("/assets", securityHeaders, express.static(join(dir, "assets"), { index: false, immutable: true, maxAge: "365d" }));
  return router;
}
