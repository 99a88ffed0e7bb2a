import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { MaxTokensParserWLexer } from "@escape.tech/graphql-armor-max-tokens";
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";

/**
 * The request limits, the same on HTTP and WebSocket. Depth 10 fits the deepest useful query (a source's decision's
 * target, or an export's items' keys); cost and tokens bound what one document may ask for.
 */
const LIMITS = {
  maxDepth: { n: 10 },
  costLimit: { maxCost: 20_000 },
  maxAliases: { n: 15 },
  maxDirectives: { n: 20 },
  maxTokens: { n: 2_000 },
  blockFieldSuggestion: { enabled: true },
};

export interface Armor {
  /** Apollo options: the limit plugins and validation rules. */
  apollo: { plugins: ApolloServerPlugin<BaseContext>[]; validationRules: ValidationRule[] };
  /** Parses a WebSocket operation under the token limit; throws GraphQLError past it. */
  parse(source: string): DocumentNode;
  /** Validates a WebSocket operation with graphql-js's rules and the same limits. */
  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
}

/** Builds the limits; `production` also turns introspection off on both transports. */
export function createArmor(production: boolean): Armor {
  const apollo = new ApolloArmor(LIMITS).protect();
  const rules: ValidationRule[] = [
    ...specifiedRules,
    ...apollo.validationRules,
    ...(production ? [NoSchemaIntrospectionCustomRule] : []),
  ];
  return {
    apollo: {
      // graphql-armor is typed against Apollo's CommonJS declarations; the plugins are the same objects.
      plugins: apollo.plugins as unknown as ApolloServerPlugin<BaseContext>[],
      validationRules: [...apollo.validationRules, ...(production ? [NoSchemaIntrospectionCustomRule] : [])],
    },
    parse: (source) => new MaxTokensParserWLexer(source, LIMITS.maxTokens).parseDocument(),
    validate: (schema, document) => validate(schema, document, rules),
  };
}
