import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { scope, type Context } from "../../context.js";
import type { TicketExportRow } from "../../db/schema.js";
import { ExportSource } from "../export-source/export-source.type.js";
import { ProviderTarget } from "../provider-target/provider-target.type.js";
import { TicketExport } from "./ticket-export.type.js";

@Resolver(() => TicketExport)
export class TicketExportResolver {
  @FieldResolver(() => ExportSource)
  source(@Root() attempt: TicketExportRow, @Ctx() context: Context) {
    return scope(context).loaders.sourceById.load(attempt.exportSourceId);
  }

  @FieldResolver(() => ProviderTarget)
  target(@Root() attempt: TicketExportRow, @Ctx() context: Context) {
    return scope(context).loaders.providerTargetById.load(attempt.providerTargetId);
  }
}
