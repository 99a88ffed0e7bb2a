import type { Logger } from "pino";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { ExportSourceService } from "./modules/export-source/export-source.service.js";
import { ReportService } from "./modules/report/report.service.js";

/** The long-lived services of one server instance, shared by every request. */
export interface Services {
  config: Config;
  database: Database;
  logger: Logger;
  reports: ReportService;
  sources: ExportSourceService;
}

export function createServices(config: Config, database: Database, logger: Logger): Services {
  return {
    config,
    database,
    logger,
    reports: new ReportService(database.db),
    sources: new ExportSourceService(database.db),
  };
}
