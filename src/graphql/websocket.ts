import type { Server } from "node:http";
import type { GraphQLSchema } from "graphql";
import { GraphQLError } from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import { authenticate, bearerToken, type Principal } from "../auth/tokens.js";
import { createContext } from "../context.js";
import { TOKEN_REVOKED_CHANNEL } from "../modules/api-token/api-token.service.js";
import type { Services } from "../services.js";
import type { Armor } from "./armor.js";
import { formatGraphQLErrors } from "./format-error.js";

type Extra = { principal?: Principal } & Record<string, unknown>;

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
    verifyClient: ({ origin }: { origin?: string }) => origins.length === 0 || (origin !== undefined && origins.includes(origin.toLowerCase())),
  });
  const socketsByToken = new Map<string, Set<WebSocket>>();
  const format = formatGraphQLErrors(services.logger);
  const principalOf = async (authorization: unknown) => {
    const token = bearerToken(typeof authorization === "string" ? authorization : null);
    return token ? authenticate(services.database.db, token) : null;
  };

  const cleanup = useServer<Record<string, unknown>, Extra>(
    {
      schema,
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
        const principal = await principalOf(ctx.connectionParams?.authorization);
        if (!principal) {
          (ctx.extra.socket as WebSocket).close(CloseCode.Forbidden, "Forbidden");
          return [new GraphQLError("This token is no longer valid.", { extensions: { code: "UNAUTHENTICATED" } })];
        }
        let document;
        try {
          document = armor.parse(payload.query);
        } catch (error) {
          return format([error instanceof GraphQLError ? error : new GraphQLError("Query validation error.")]) as unknown as GraphQLError[];
        }
        const errors = armor.validate(schema, document);
        if (errors.length > 0) return format(errors) as unknown as GraphQLError[];
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
