import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { scope, type Context } from "../../context.js";
import type { TicketExportRow } from "../../db/schema.js";
import { ExportSource } from "../export-source/export-source.type.js";
import { ProviderTarget } from "../provider-target/provider-target.type.js";
import { ExportToProviderInput } from "./ticket-export.input.js";
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

@Resolver(() => TicketExport)
export class ExportToProviderResolver {
  @Authorized("operator")
  @Mutation(() => [TicketExport], {
    description:
      "Delivers sources to a tracker under their duplicate keys: creates, updates, links a hand-imported ticket, or " +
      "blocks a duplicate. One TicketExport per source; a refused or failed delivery is a FAILED one with its error.",
  })
  exportToProvider(@Arg("input", () => ExportToProviderInput) input: ExportToProviderInput, @Ctx() context: Context) {
    return context.services.ticketExports.export(scope(context).principal, input);
  }
}
