import type { Server } from "node:http";
import type { GraphQLSchema } from "graphql";
import { GraphQLError } from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import { authenticate, bearerToken, type Principal } from "../auth/tokens.js";
import { createContext } from "../context.js";
import { DomainError, ErrorCode } from "../errors.js";
import { TOKEN_REVOKED_CHANNEL } from "../modules/api-token/api-token.service.js";
import type { Services } from "../services.js";
import type { Armor } from "./armor.js";
import { formatGraphQLErrors, graphQLErrorOf, summarise } from "./format-error.js";
import { createSharedSubscribe } from "./shared-subscribe.js";

/** Operations (subscriptions, mostly) one connection may have running at once. */
export const MAX_OPERATIONS_PER_CONNECTION = 100;

type Extra = { principal?: Principal } & Record<string, unknown>;

/** Apollo labels every validation error GRAPHQL_VALIDATION_FAILED, armor's limits too (they carry BAD_USER_INPUT). */
function validationFailed(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
  });
}

/**
 * graphql-ws on `/graphql`, sharing the HTTP server. A connection authenticates in connection_init (4403 for a
 * missing or bad token; 4408 when init never comes), every subscribe authenticates again (a token revoked since
 * is refused), documents pass the same limits as on HTTP, and errors are masked the same way. A revoked token's
 * sockets are closed on every instance. `WS_ALLOWED_ORIGINS`, when set, restricts browser origins.
 */
export async function serveWebSocket(httpServer: Server, schema: GraphQLSchema, services: Services, armor: Armor) {
  const origins = services.config.wsAllowedOrigins;
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: "/graphql",
    // The HTTP body limit, also before connection_init: a larger message is refused (1009) without being parsed.
    maxPayload: services.config.maxBodyBytes,
    verifyClient: ({ origin }: { origin?: string }) => origins.length === 0 || (origin !== undefined && origins.includes(origin.toLowerCase())),
  });
  const socketsByToken = new Map<string, Set<WebSocket>>();
  const format = formatGraphQLErrors(services.logger);
  const principalOf = async (authorization: unknown) => {
    const token = bearerToken(typeof authorization === "string" ? authorization : null);
    if (!token) return null;
    try {
      return await authenticate(services.database.db, token);
    } catch (error) {
      // graphql-ws prints what a handler throws to the console: the driver's text, SQL and parameters included.
      services.logger.error({ err: summarise(error) }, "WebSocket authentication failed");
      throw new Error("Authentication failed: internal error.");
    }
  };

  const cleanup = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      subscribe: createSharedSubscribe(),
      // Otherwise, outside production, an error thrown while handling a message (a database failure) closes the
      // socket with its message, driver text included, as the close reason.
      isProd: true,
      connectionInitWaitTimeout: 3_000,
      onConnect: async (ctx) => {
        const principal = await principalOf(ctx.connectionParams?.authorization);
        if (!principal) return false;
        ctx.extra.principal = principal;
        const sockets = socketsByToken.get(principal.tokenId) ?? new Set();
        sockets.add(ctx.extra.socket as WebSocket);
        socketsByToken.set(principal.tokenId, sockets);
        return true;
      },
      onClose: (ctx) => {
        const tokenId = ctx.extra.principal?.tokenId;
        if (tokenId) socketsByToken.get(tokenId)?.delete(ctx.extra.socket as WebSocket);
      },
      onSubscribe: async (ctx, _id, payload) => {
        // Each one holds a live stream (and may replay the log): one socket must not open thousands.
        if (Object.keys(ctx.subscriptions).length > MAX_OPERATIONS_PER_CONNECTION) {
          return [
            graphQLErrorOf(
              new DomainError(
                ErrorCode.RATE_LIMITED,
                `At most ${MAX_OPERATIONS_PER_CONNECTION} operations at once on one connection: complete some first, or open another connection.`,
              ),
            ),
          ];
        }
        const principal = await principalOf(ctx.connectionParams?.authorization);
        if (!principal) {
          (ctx.extra.socket as WebSocket).close(CloseCode.Forbidden, "Forbidden");
          return [graphQLErrorOf(new DomainError(ErrorCode.UNAUTHENTICATED, "This token is no longer valid."))];
        }
        // graphql-ws sends an error message only for GraphQLError instances (anything else closes the socket 4500);
        // onError masks them on the way out.
        let document;
        try {
          document = armor.parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError("Query validation error.")];
        }
        const errors = armor.validate(schema, document);
        if (errors.length > 0) return errors.map(validationFailed);
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: createContext(services, principal),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        "errors" in result && result.errors ? { ...result, errors: format(result.errors) } : result,
      onError: (_ctx, _id, _payload, errors) => format(errors) as unknown as GraphQLError[],
    },
    wsServer,
  );

  const revocations = await services.database.listen(TOKEN_REVOKED_CHANNEL, (tokenId) => {
    for (const socket of socketsByToken.get(tokenId) ?? []) socket.close(CloseCode.Forbidden, "Forbidden: token revoked");
    socketsByToken.delete(tokenId);
  });

  return {
    async dispose() {
      await revocations.close();
      await cleanup.dispose();
    },
  };
}
