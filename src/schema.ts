import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { createPubSub } from "@graphql-yoga/subscription";
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

/**
 * Builds the executable GraphQL schema from the resolvers. `pubSub` is the instance's status PubSub; the default,
 * an in-memory one, serves tools that only print the schema.
 */
export function buildApiSchema(pubSub: PubSub = createPubSub()): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    pubSub,
    // Inputs are checked by the domain rules, which name the field at fault in their own words.
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
}

/** The SDL as committed in schema/schema.graphql: sorted, so that only real changes show in a diff. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
