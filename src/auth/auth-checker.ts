import type { AuthCheckerFn } from "type-graphql";
import type { Context } from "../context.js";
import type { Role } from "../domain/vocabulary.js";
import { DomainError, ErrorCode } from "../errors.js";
import { roleAllows, type Principal } from "./tokens.js";

/** The caller, or UNAUTHENTICATED. */
export function requirePrincipal(context: Pick<Context, "principal">): Principal {
  if (!context.principal) {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, "Send an API token as `Authorization: Bearer <token>` (npm run token).");
  }
  return context.principal;
}

/** `@Authorized("operator")`: the caller's role must include the named one. */
export const authChecker: AuthCheckerFn<Context, Role> = ({ context }, roles) => {
  const principal = requirePrincipal(context);
  const required = roles[0] ?? "viewer";
  if (!roleAllows(principal.role, required)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `This operation needs the ${required} role; your token has ${principal.role}.`, {
      requiredRole: required,
    });
  }
  return true;
};
