import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { MaxTokensParserWLexer } from "@escape.tech/graphql-armor-max-tokens";
import {
  GraphQLError,
  Lexer,
  NoSchemaIntrospectionCustomRule,
  Source,
  TokenKind,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { ErrorCode } from "../errors.js";
import { OneExportsItemsRule } from "./export-items-rule.js";

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
  // armor's own token plugin parses in parsingDidStart, where Apollo expects no error: every syntax error and every
  // document past the limit became an HTTP 500. tokenLimit() below replaces it.
  const apollo = new ApolloArmor({ ...LIMITS, maxTokens: { enabled: false } }).protect();
  // Apollo adds these to graphql-js's own rules; the WebSocket validates with both.
  const limits: ValidationRule[] = [...apollo.validationRules, OneExportsItemsRule, ...(production ? [NoSchemaIntrospectionCustomRule] : [])];
  const rules = [...specifiedRules, ...limits];
  return {
    apollo: {
      // graphql-armor is typed against Apollo's CommonJS declarations; the plugins are the same objects.
      plugins: [tokenLimit(LIMITS.maxTokens.n), ...(apollo.plugins as unknown as ApolloServerPlugin<BaseContext>[])],
      validationRules: limits,
    },
    parse: (source) => new MaxTokensParserWLexer(source, LIMITS.maxTokens).parseDocument(),
    validate: (schema, document) => validate(schema, document, rules),
  };
}

/** Refuses a document past `n` tokens before Apollo parses it, with 400 and the message the WebSocket gives. */
function tokenLimit(n: number): ApolloServerPlugin<BaseContext> {
  const refusals = new WeakSet<Error>();
  return {
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          if (source === undefined || !countsMoreTokens(source, n)) return;
          const refusal = new GraphQLError(`Syntax Error: Token limit of ${n} exceeded.`, {
            extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } },
          });
          refusals.add(refusal);
          throw refusal;
        },
      };
    },
    // Apollo turns an error thrown before parsing into a bare 500 unless a plugin rethrows it from this hook.
    async unexpectedErrorProcessingRequest({ error }) {
      if (refusals.has(error)) throw error;
    },
  };
}

/** True when `source` holds more than `n` tokens; a lexing error stops the count, for Apollo's parse to report. */
function countsMoreTokens(source: string, n: number): boolean {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) if (++count > n) return true;
  } catch {
    return false;
  }
  return false;
}
