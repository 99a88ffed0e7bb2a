import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { buildSchema, type PubSub } from "type-graphql";
import { authChecker } from "./auth/auth-checker.js";
import "./modules/common/enums.js";
import { ApiTokenResolver } from "./modules/api-token/api-token.resolver.js";
import { DuplicateKeyResolver, ProviderTicketResolver } from "./modules/duplicate-key/duplicate-key.resolver.js";
import { ExportStatusResolver } from "./modules/export-status/export-status.resolver.js";
import { ExportSourceResolver } from "./modules/export-source/export-source.resolver.js";
import { EvaluateFallbackResolver, FallbackDecisionResolver } from "./modules/fallback-decision/fallback-decision.resolver.js";
import {
  DroppedEvidenceLinkResolver,
  PortableExportItemResolver,
  PortableExportResolver,
  SafetyFindingResolver,
} from "./modules/portable-export/portable-export.resolver.js";
import { ProviderTargetResolver } from "./modules/provider-target/provider-target.resolver.js";
import { ReportResolver } from "./modules/report/report.resolver.js";
import { ExportToProviderResolver, TicketExportResolver } from "./modules/ticket-export/ticket-export.resolver.js";

const resolvers = [
  ReportResolver,
  ExportSourceResolver,
  DuplicateKeyResolver,
  ProviderTicketResolver,
  FallbackDecisionResolver,
  EvaluateFallbackResolver,
  ProviderTargetResolver,
  PortableExportResolver,
  PortableExportItemResolver,
  SafetyFindingResolver,
  DroppedEvidenceLinkResolver,
  TicketExportResolver,
  ExportToProviderResolver,
  ApiTokenResolver,
  ExportStatusResolver,
] as const;

const refuse = () => {
  throw new Error("Status events come from the status feed (status-feed.ts), never from a PubSub.");
};
/**
 * type-graphql refuses a schema with a subscription unless it has a PubSub, even when every subscription brings its own
 * `subscribe` (ours joins the status feed): this one only satisfies that check.
 */
const noPubSub: PubSub = { publish: refuse, subscribe: refuse };

/** Builds the executable GraphQL schema from the resolvers. */
export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    pubSub: noPubSub,
    // Inputs are checked by the domain rules, which name the field at fault in their own words.
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
}

/** The SDL as committed in schema/schema.graphql: sorted, so that only real changes show in a diff. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
