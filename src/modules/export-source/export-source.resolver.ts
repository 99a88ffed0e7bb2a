import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { scope, type Context } from "../../context.js";
import type { ExportSourceRow } from "../../db/schema.js";
import { partitionEvidenceLinks } from "../../domain/safety/index.js";
import { notFound } from "../../errors.js";
import { DuplicateKey } from "../duplicate-key/duplicate-key.type.js";
import { FallbackDecision } from "../fallback-decision/fallback-decision.type.js";
import { PortableExport } from "../portable-export/portable-export.type.js";
import { Report } from "../report/report.type.js";
import { TicketExport } from "../ticket-export/ticket-export.type.js";
import { ExportSourceFilter } from "./export-source.input.js";
import type { ExportSourceService } from "./export-source.service.js";
import { readinessOf } from "./export-source.readiness.js";
import { EvidenceLink, ExportSource, ExportSourceConnection, Readiness } from "./export-source.type.js";

/** A page of a report's sources; their duplicate keys, read with the page, are handed to the loader. */
export async function sourcePage(context: Context, reportId: string, args: Parameters<ExportSourceService["list"]>[2]) {
  const { principal, loaders } = scope(context);
  const page = await context.services.sources.list(principal.organizationId, reportId, args);
  for (const key of page.duplicateKeys) loaders.duplicateKeyById.prime(key.id, key);
  return page;
}

@Resolver(() => ExportSource)
export class ExportSourceResolver {
  @Authorized("viewer")
  @Query(() => ExportSource, { nullable: true })
  exportSource(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return scope(context).loaders.sourceById.load(id);
  }

  @Authorized("viewer")
  @Query(() => ExportSourceConnection, { description: "A report's sources in ingest order." })
  async exportSources(
    @Arg("reportId", () => ID) reportId: string,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("filter", () => ExportSourceFilter, { nullable: true }) filter: ExportSourceFilter | null,
    @Ctx() context: Context,
  ) {
    const page = await sourcePage(context, reportId, { first, after, filter });
    // A page with rows proves the report is ours; only an empty one costs a look-up.
    if (page.edges.length === 0 && !(await scope(context).loaders.reportById.load(reportId))) throw notFound("report", reportId);
    return page;
  }

  @FieldResolver(() => Readiness, { description: "The five ready and blocked states, as stored now." })
  readiness(@Root() source: ExportSourceRow, @Ctx() context: Context) {
    return readinessOf(source, scope(context).loaders, context.services.config.failureThreshold);
  }

  @FieldResolver(() => [EvidenceLink], {
    description: "The evidence links a file would carry: http(s) and clean under every detector (a preview's droppedEvidenceLinks says why the others are left out).",
  })
  safeEvidenceLinks(@Root() source: ExportSourceRow) {
    return partitionEvidenceLinks(source.evidenceLinks).safe;
  }

  @FieldResolver(() => Report)
  report(@Root() source: ExportSourceRow, @Ctx() context: Context) {
    return scope(context).loaders.reportById.load(source.reportId);
  }

  @FieldResolver(() => DuplicateKey)
  duplicateKey(@Root() source: ExportSourceRow, @Ctx() context: Context) {
    return scope(context).loaders.duplicateKeyById.load(source.duplicateKeyId);
  }

  @FieldResolver(() => FallbackDecision, { nullable: true, description: "The latest recorded decision." })
  fallbackDecision(@Root() source: ExportSourceRow, @Ctx() context: Context) {
    return scope(context).loaders.latestDecisionBySource.load(source.id);
  }

  @FieldResolver(() => [PortableExport], { description: "Files that carried this source, newest first." })
  async portableExports(@Root() source: ExportSourceRow, @Ctx() context: Context) {
    return (await scope(context).loaders.portableExportsBySource.load(source.id)).map((row) => row.export);
  }

  @FieldResolver(() => [TicketExport], { description: "Provider-native delivery attempts, oldest first." })
  ticketExports(@Root() source: ExportSourceRow, @Ctx() context: Context) {
    return scope(context).loaders.ticketExportsBySource.load(source.id);
  }
}
