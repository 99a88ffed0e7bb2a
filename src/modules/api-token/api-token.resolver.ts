import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { scope, type Context } from "../../context.js";
import { Role } from "../../domain/vocabulary.js";
import { badInput } from "../../errors.js";
import { ApiToken, CreatedApiToken } from "./api-token.type.js";
import { Session } from "./session.type.js";

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Authorized("viewer")
  @Query(() => Session, { description: "The calling token's organization and role." })
  session(@Ctx() context: Context): Session {
    const { principal } = scope(context);
    return { organization: principal.organizationSlug, role: principal.role };
  }

  @Authorized("admin")
  @Query(() => [ApiToken], { description: "The organization's API tokens (never the tokens themselves)." })
  apiTokens(@Ctx() context: Context) {
    return context.services.apiTokens.list(scope(context).principal.organizationId);
  }

  @Authorized("admin")
  @Mutation(() => CreatedApiToken, { description: "Creates a token with role viewer, operator or admin." })
  createApiToken(@Arg("role", () => String) role: string, @Ctx() context: Context) {
    if (!Object.hasOwn(Role, role)) throw badInput("role", `must be viewer, operator or admin, got "${role.slice(0, 40)}".`);
    return context.services.apiTokens.create(scope(context).principal.organizationId, role as Role);
  }

  @Authorized("admin")
  @Mutation(() => ApiToken, { description: "Revokes a token; its open WebSocket connections are closed." })
  async revokeApiToken(@Arg("id", () => ID) id: string, @Ctx() context: Context) {
    return (await context.services.apiTokens.revoke(id, scope(context).principal.organizationId)).token;
  }
}
