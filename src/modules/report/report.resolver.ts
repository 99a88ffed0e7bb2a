import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { scope, type Context } from "../../context.js";
import type { ReportRow } from "../../db/schema.js";
import { ExportSourceFilter } from "../export-source/export-source.input.js";
import { sourcePage } from "../export-source/export-source.resolver.js";
import { ExportSourceConnection } from "../export-source/export-source.type.js";
import { IngestReportInput } from "./report.input.js";
import { ExportStatus } from "../common/enums.js";
import { ExportStatusCount, Report, ReportConnection } from "./report.type.js";

@Resolver(() => Report)
export class ReportResolver {
  @Authorized("viewer")
  @Query(() => Report, { nullable: true })
  report(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return scope(context).loaders.reportById.load(id);
  }

  @Authorized("viewer")
  @Query(() => ReportConnection, { description: "The organization's reports, newest first." })
  reports(
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
  ) {
    return context.services.reports.list(scope(context).principal.organizationId, first, after);
  }

  @Authorized("operator")
  @Mutation(() => Report, { description: "Creates or updates a report by externalId; never resets export state." })
  ingestReport(@Arg("input", () => IngestReportInput) input: IngestReportInput, @Ctx() context: Context) {
    return context.services.reports.ingest(scope(context).principal.organizationId, input);
  }

  @FieldResolver(() => ExportSourceConnection)
  sources(
    @Root() report: ReportRow,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("filter", () => ExportSourceFilter, { nullable: true }) filter: ExportSourceFilter | null,
    @Ctx() context: Context,
  ) {
    return sourcePage(context, report.id, { first, after, filter });
  }

  @FieldResolver(() => [ExportStatusCount], {
    description: "Sources per export status, in the order of the status flow; statuses no source is in are left out.",
  })
  async exportStatusCounts(@Root() report: ReportRow, @Ctx() context: Context): Promise<ExportStatusCount[]> {
    const rows = await scope(context).loaders.statusCountsByReport.load(report.id);
    const order = Object.keys(ExportStatus);
    return rows
      .map((row) => ({ status: row.status, count: row.count }))
      .sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  }
}
