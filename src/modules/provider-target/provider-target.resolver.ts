import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { scope, type Context } from "../../context.js";
import { ConnectProviderTargetInput, UpdateProviderTargetInput } from "./provider-target.input.js";
import { ProviderTarget } from "./provider-target.type.js";

@Resolver(() => ProviderTarget)
export class ProviderTargetResolver {
  @Authorized("viewer")
  @Query(() => [ProviderTarget], { description: "The organization's tracker destinations, oldest first." })
  providerTargets(@Ctx() context: Context) {
    return context.services.targets.list(scope(context).principal.organizationId);
  }

  @Authorized("admin")
  @Mutation(() => ProviderTarget, { description: "Connects a tracker; checks the endpoint, then the tracker, and sets the state." })
  connectProviderTarget(@Arg("input", () => ConnectProviderTargetInput) input: ConnectProviderTargetInput, @Ctx() context: Context) {
    return context.services.targets.connect(scope(context).principal.organizationId, input);
  }

  @Authorized("admin")
  @Mutation(() => ProviderTarget, { description: "Changes a target; a new credential, URL or project re-checks it." })
  updateProviderTarget(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateProviderTargetInput) input: UpdateProviderTargetInput,
    @Ctx() context: Context,
  ) {
    return context.services.targets.update(scope(context).principal.organizationId, id, input);
  }

  @Authorized("admin")
  @Mutation(() => ProviderTarget, { description: "Disconnects a target and forgets its credential." })
  disconnectProviderTarget(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return context.services.targets.disconnect(scope(context).principal.organizationId, id);
  }
}
