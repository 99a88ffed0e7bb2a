import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { buildSchema, type PubSub } from "type-graphql";
import { authChecker } from "./auth/auth-checker.js";
import "./modules/common/enums.js";
import { DuplicateKeyResolver, ProviderTicketResolver } from "./modules/duplicate-key/duplicate-key.resolver.js";
import { ExportSourceResolver } from "./modules/export-source/export-source.resolver.js";
import { FallbackDecisionResolver } from "./modules/fallback-decision/fallback-decision.resolver.js";
import { PortableExportItemResolver, PortableExportResolver } from "./modules/portable-export/portable-export.resolver.js";
import { ReportResolver } from "./modules/report/report.resolver.js";
import { TicketExportResolver } from "./modules/ticket-export/ticket-export.resolver.js";

const resolvers = [
  ReportResolver,
  ExportSourceResolver,
  DuplicateKeyResolver,
  ProviderTicketResolver,
  FallbackDecisionResolver,
  PortableExportResolver,
  PortableExportItemResolver,
  TicketExportResolver,
] as const;

/** Builds the executable GraphQL schema from the resolvers. */
export function buildApiSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
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
