import type { Logger } from "pino";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { ApiTokenService } from "./modules/api-token/api-token.service.js";
import type { CredentialBox } from "./crypto/credential-box.js";
import { FallbackDecisionService } from "./modules/fallback-decision/fallback-decision.service.js";
import { PortableExportBuilder } from "./modules/portable-export/portable-export.builder.js";
import { PortableExportDownloads } from "./modules/portable-export/portable-export.download.js";
import { PortableExportPlanner } from "./modules/portable-export/portable-export.planner.js";
import { PortableExportService } from "./modules/portable-export/portable-export.service.js";
import { TicketExportService } from "./modules/ticket-export/ticket-export.service.js";
import { ProviderGateway } from "./modules/provider-target/provider-gateway.js";
import { ProviderTargetService } from "./modules/provider-target/provider-target.service.js";
import { ExportSourceService } from "./modules/export-source/export-source.service.js";
import { ExportStatusService } from "./modules/export-status/export-status.service.js";
import { StatusFeed } from "./modules/export-status/status-feed.js";
import { ReportService } from "./modules/report/report.service.js";

/** The long-lived services of one server instance, shared by every request. */
export interface Services {
  config: Config;
  database: Database;
  logger: Logger;
  reports: ReportService;
  sources: ExportSourceService;
  statusEvents: ExportStatusService;
  /** Committed status events, read from the log once and handed to this instance's live streams. */
  statusFeed: StatusFeed;
  gateway: ProviderGateway;
  targets: ProviderTargetService;
  decisions: FallbackDecisionService;
  portableExports: PortableExportService;
  downloads: PortableExportDownloads;
  ticketExports: TicketExportService;
  apiTokens: ApiTokenService;
}

/** `credentials` seals and opens provider credentials: its key is resolved once, before the database opens. */
export function createServices(config: Config, database: Database, logger: Logger, credentials: CredentialBox): Services {
  const statusEvents = new ExportStatusService(database.db);
  const gateway = new ProviderGateway(config, credentials);
  const sources = new ExportSourceService(database.db);
  const targets = new ProviderTargetService(database.db, gateway, config.failureThreshold);
  const decisions = new FallbackDecisionService(database.db, sources, targets, config.failureThreshold);
  const planner = new PortableExportPlanner(database.db, sources, decisions);
  return {
    config,
    database,
    logger,
    reports: new ReportService(database.db),
    sources,
    statusEvents,
    statusFeed: new StatusFeed(database, statusEvents, logger),
    gateway,
    targets,
    decisions,
    portableExports: new PortableExportService(database.db, planner, new PortableExportBuilder(database.db, decisions)),
    downloads: new PortableExportDownloads(database.db),
    ticketExports: new TicketExportService(database.db, gateway, sources, targets, config.failureThreshold),
    apiTokens: new ApiTokenService(database.db),
  };
}
