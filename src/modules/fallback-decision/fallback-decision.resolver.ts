import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
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

@Resolver(() => FallbackDecision)
export class EvaluateFallbackResolver {
  @Authorized("operator")
  @Mutation(() => [FallbackDecision], {
    description:
      "Decides and records, per source, whether it can go provider-native now and if not why. requirePortable: true " +
      "records the customer's requirement for a file (reason required), false clears it, absent keeps it.",
  })
  evaluateFallback(
    @Arg("sourceIds", () => [ID]) sourceIds: string[],
    @Arg("requirePortable", () => Boolean, { nullable: true }) requirePortable: boolean | null,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() context: Context,
  ) {
    const { principal } = scope(context);
    return context.services.decisions.evaluate(principal.organizationId, principal.actor, sourceIds, requirePortable, reason);
  }
}
