import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { scope, type Context } from "../../context.js";
import type { PortableExportSummary } from "../../db/schema.js";
import { notFound } from "../../errors.js";
import { DuplicateKey } from "../duplicate-key/duplicate-key.type.js";
import { readinessOf } from "../export-source/export-source.readiness.js";
import { ExportSource, Readiness } from "../export-source/export-source.type.js";
import { Report } from "../report/report.type.js";
import { PortableExportInput } from "./portable-export.input.js";
import { DroppedEvidenceLink, PortableExportPreview, SafetyFinding } from "./portable-export-preview.type.js";
import { PortableExport, PortableExportItem } from "./portable-export.type.js";

/** Where a file is downloaded, relative to the service's base URL. */
export const downloadPath = (exportId: string) => `/exports/${exportId}/download`;

@Resolver(() => PortableExport)
export class PortableExportResolver {
  @Authorized("viewer")
  @Query(() => PortableExport, { nullable: true })
  portableExport(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return scope(context).loaders.portableExportById.load(id);
  }

  @Authorized("viewer")
  @Query(() => [PortableExport], { description: "A report's files, newest first." })
  async portableExports(@Arg("reportId", () => ID) reportId: string, @Ctx() context: Context) {
    const { principal, loaders } = scope(context);
    if (!(await loaders.reportById.load(reportId))) throw notFound("report", reportId);
    return context.services.portableExports.listForReport(principal.organizationId, reportId);
  }

  @Authorized("operator")
  @Mutation(() => PortableExportPreview, {
    description: "Shows the items, readiness, safety findings and a redacted sample of an export, without making it.",
  })
  previewPortableExport(@Arg("input", () => PortableExportInput) input: PortableExportInput, @Ctx() context: Context) {
    return context.services.portableExports.preview(scope(context).principal, input);
  }

  @Authorized("operator")
  @Mutation(() => PortableExport, { description: "Makes a portable file: a durable snapshot, downloadable at downloadUrl." })
  createPortableExport(@Arg("input", () => PortableExportInput) input: PortableExportInput, @Ctx() context: Context) {
    return context.services.portableExports.create(scope(context).principal, input);
  }

  @FieldResolver(() => Report)
  report(@Root() file: PortableExportSummary, @Ctx() context: Context) {
    return scope(context).loaders.reportById.load(file.reportId);
  }

  @FieldResolver(() => [PortableExportItem], {
    description: "The sources the file carries, in file order. Selectable for one export at a time, not inside a list of exports.",
  })
  items(@Root() file: PortableExportSummary, @Ctx() context: Context) {
    return scope(context).loaders.itemsByExport.load(file.id);
  }

  @FieldResolver(() => String, { description: "GET it with the same bearer token." })
  downloadUrl(@Root() file: PortableExportSummary) {
    return downloadPath(file.id);
  }
}

@Resolver(() => PortableExportItem)
export class PortableExportItemResolver {
  @FieldResolver(() => ExportSource)
  source(@Root() item: PortableExportItem, @Ctx() context: Context) {
    return scope(context).loaders.sourceById.load(item.exportSourceId);
  }

  @FieldResolver(() => DuplicateKey)
  duplicateKey(@Root() item: PortableExportItem, @Ctx() context: Context) {
    return scope(context).loaders.duplicateKeyById.load(item.duplicateKeyId);
  }

  @FieldResolver(() => Readiness, { description: "In a preview, the states this export would have; else the source's." })
  async readiness(@Root() item: PortableExportItem, @Ctx() context: Context) {
    if (item.readiness) return item.readiness;
    const { loaders } = scope(context);
    const source = await loaders.sourceById.load(item.exportSourceId);
    return source && readinessOf(source, loaders, context.services.config.failureThreshold);
  }
}

@Resolver(() => SafetyFinding)
export class SafetyFindingResolver {
  @FieldResolver(() => ExportSource)
  source(@Root() finding: SafetyFinding, @Ctx() context: Context) {
    return scope(context).loaders.sourceById.load(finding.exportSourceId);
  }
}

@Resolver(() => DroppedEvidenceLink)
export class DroppedEvidenceLinkResolver {
  @FieldResolver(() => ExportSource)
  source(@Root() link: DroppedEvidenceLink, @Ctx() context: Context) {
    return scope(context).loaders.sourceById.load(link.exportSourceId);
  }
}
