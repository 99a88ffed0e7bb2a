import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { scope, type Context } from "../../context.js";
import type { FallbackDecisionRow } from "../../db/schema.js";
import { ExportSource } from "../export-source/export-source.type.js";
import { ProviderTarget } from "../provider-target/provider-target.type.js";
import { FallbackDecision } from "./fallback-decision.type.js";

@Resolver(() => FallbackDecision)
export class FallbackDecisionResolver {
  @FieldResolver(() => ExportSource)
  source(@Root() decision: FallbackDecisionRow, @Ctx() context: Context) {
    return scope(context).loaders.sourceById.load(decision.exportSourceId);
  }

  @FieldResolver(() => ProviderTarget, { nullable: true, description: "The target the decision is about, if any." })
  target(@Root() decision: FallbackDecisionRow, @Ctx() context: Context) {
    return decision.providerTargetId ? scope(context).loaders.providerTargetById.load(decision.providerTargetId) : null;
  }
}
