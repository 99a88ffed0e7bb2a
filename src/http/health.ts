import { Router } from "express";
import { migrationsApplied } from "../db/migrate.js";
import type { Database } from "../db/client.js";

/** `/healthz`: the process is up. `/readyz`: the database answers and every migration is applied. */
export function healthRoutes(database: Database) {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    try {
      await database.ping();
      if (!(await migrationsApplied(database))) {
        res.status(503).json({ status: "unavailable", reason: "migrations pending" });
        return;
      }
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "unavailable", reason: "database unreachable" });
    }
  });
  return router;
}
