import type { Principal } from "./auth/tokens.js";
import type { Db } from "./db/client.js";
import { duplicateKeyLoaders } from "./modules/duplicate-key/duplicate-key.loader.js";
import { exportSourceLoaders } from "./modules/export-source/export-source.loader.js";
import { fallbackDecisionLoaders } from "./modules/fallback-decision/fallback-decision.loader.js";
import { portableExportLoaders } from "./modules/portable-export/portable-export.loader.js";
import { providerTargetLoaders } from "./modules/provider-target/provider-target.loader.js";
import { reportLoaders } from "./modules/report/report.loader.js";
import { ticketExportLoaders } from "./modules/ticket-export/ticket-export.loader.js";
import type { Services } from "./services.js";
import { requirePrincipal } from "./auth/auth-checker.js";

/** Every loader of one request, each scoped to the caller's organization. */
export function createLoaders(db: Db, organizationId: string) {
  return {
    ...reportLoaders(db, organizationId),
    ...exportSourceLoaders(db, organizationId),
    ...duplicateKeyLoaders(db, organizationId),
    ...fallbackDecisionLoaders(db, organizationId),
    ...portableExportLoaders(db, organizationId),
    ...ticketExportLoaders(db, organizationId),
    ...providerTargetLoaders(db, organizationId),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  principal: Principal | null;
  services: Services;
  /** Null until the caller is known: nothing loads without an organization to scope it. */
  loaders: Loaders | null;
}

/** Builds the context of one HTTP request or one WebSocket operation. */
export function createContext(services: Services, principal: Principal | null): Context {
  return { principal, services, loaders: principal ? createLoaders(services.database.db, principal.organizationId) : null };
}

/** The caller and its loaders; UNAUTHENTICATED when there is no caller. */
export function scope(context: Context): { principal: Principal; loaders: Loaders } {
  const principal = requirePrincipal(context);
  return { principal, loaders: context.loaders! };
}
