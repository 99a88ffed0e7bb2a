import { once } from "node:events";
import { Router, type Response } from "express";
import { authenticate, bearerToken } from "../auth/tokens.js";
import { isUuid } from "../modules/common/ids.js";
import type { Services } from "../services.js";

function refuse(res: Response, status: number, error: string, message: string, extra: Record<string, unknown> = {}) {
  res.status(status).json({ error, message, ...extra });
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
    const token = bearerToken(req.headers.authorization);
    const principal = token ? await authenticate(services.database.db, token) : null;
    if (!principal) {
      refuse(res, 401, "UNAUTHENTICATED", "Send an API token as `Authorization: Bearer <token>`.");
      return;
    }
    const id = req.params.id;
    const file = isUuid(id) ? await services.portableExports.readyExport(principal.organizationId, id) : null;
    if (!file) {
      refuse(res, 404, "NOT_FOUND", `No portable export with id "${id}" in your organization.`);
      return;
    }
    if (!file.readyAt || file.sha256 === null || file.byteSize === null) {
      refuse(res, 409, "EXPORT_NOT_READY", "The file is still being written; retry in a moment.", {
        missing: ["file"],
        exportId: file.id,
      });
      return;
    }
    const etag = `"${file.sha256}"`;
    res.set({
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(file.byteSize),
      ETag: etag,
      "Cache-Control": "private, no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    if (req.headers["if-none-match"] === etag) {
      res.status(304).end();
      return;
    }
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    for await (const chunk of services.portableExports.fileChunks(file)) {
      if (!res.write(chunk)) await once(res, "drain");
      if (res.destroyed) return;
    }
    res.end();
    await services.portableExports.recordDownload(principal, file);
  });
  return router;
}
