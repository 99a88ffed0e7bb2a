import { once } from "node:events";
import { Router } from "express";
import { DomainError, ErrorCode } from "../errors.js";
import { fileChunks } from "../modules/portable-export/portable-export.file.js";
import type { Services } from "../services.js";
import { principalOf } from "./authenticate.js";
import { sendError } from "./errors.js";

/** RFC 9110 13.1.2: If-None-Match holds "*" or a list of entity tags, compared weakly (a W/ prefix is ignored). */
function noneMatch(header: string | undefined, etag: string): boolean {
  return (header ?? "").split(",").some((tag) => {
    const value = tag.trim();
    return value === "*" || value.replace(/^W\//, "") === etag;
  });
}

/**
 * `GET /exports/:id/download`: streams a ready file from the database with its Content-Type, an attachment
 * Content-Disposition and its sha256 as ETag. 401 without a valid token, 404 for an id that is not the caller's
 * (another organization's looks the same), 409 while the file is not ready. A completed download is counted and
 * moves the file's sources to PORTABLE_DOWNLOADED; a HEAD request or a matching If-None-Match is not a download.
 */
export function downloadRoutes(services: Services) {
  const router = Router();
  router.get("/exports/:id/download", async (req, res) => {
    const principal = principalOf(res);
    if (!principal) {
      sendError(res, new DomainError(ErrorCode.UNAUTHENTICATED, "Send an API token as `Authorization: Bearer <token>`."));
      return;
    }
    let file;
    try {
      file = await services.downloads.open(principal.organizationId, req.params.id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      sendError(res, error);
      return;
    }
    const etag = `"${file.sha256}"`;
    // setHeader, not res.set: Express would add "; charset=utf-8" to application/json, and the response must carry
    // the type the export records.
    res.setHeader("Content-Type", file.contentType);
    res.set({
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(file.byteSize),
      ETag: etag,
      "Cache-Control": "private, no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    if (noneMatch(req.headers["if-none-match"], etag)) {
      res.status(304).end();
      return;
    }
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    // The last piece is held back until the download is counted: the client knows the body is complete from its
    // Content-Length, so holding the whole file it finds the count and PORTABLE_DOWNLOADED in its next request. A
    // download cut off before the end is never counted.
    let held: string | Uint8Array = "";
    const closed = new Promise((resolve) => res.once("close", resolve));
    for await (const chunk of fileChunks(services.database, file)) {
      if (chunk.length === 0) continue;
      // A client that goes away while the buffer is full never drains it: stop on close as well.
      if (held.length > 0 && !res.write(held)) await Promise.race([once(res, "drain"), closed]);
      if (res.destroyed) return;
      held = chunk;
    }
    await services.downloads.record(principal, file);
    res.end(held);
  });
  return router;
}
