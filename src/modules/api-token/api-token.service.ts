import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { issueToken } from "../../auth/tokens.js";
import type { Db } from "../../db/client.js";
import { apiTokens, organizations } from "../../db/schema.js";
import type { Role } from "../../domain/vocabulary.js";
import { notFound } from "../../errors.js";
import { idIs } from "../common/ids.js";

/** NOTIFY channel carrying the id of a revoked token, so every instance closes that token's sockets. */
export const TOKEN_REVOKED_CHANNEL = "api_token_revoked";

const columns = {
  id: apiTokens.id,
  role: apiTokens.role,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  revokedAt: apiTokens.revokedAt,
};

export class ApiTokenService {
  constructor(private readonly db: Db) {}

  list(organizationId: string) {
    return this.db.select(columns).from(apiTokens).where(eq(apiTokens.organizationId, organizationId)).orderBy(asc(apiTokens.createdAt));
  }

  async create(organizationId: string, role: Role) {
    const [organization] = await this.db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, organizationId));
    const { token, tokenId } = await issueToken(this.db, organization.slug, role);
    const [apiToken] = await this.db.select(columns).from(apiTokens).where(eq(apiTokens.id, tokenId));
    return { token, apiToken };
  }

  /**
   * Revokes a token: from now on it authenticates nothing, and every instance closes the WebSocket connections opened
   * with it. Revoking a revoked token changes nothing. `organizationId` limits it to that organization's tokens (the
   * API); without it any token may be revoked (the CLI, run by whoever runs the service).
   * @returns the token, and whether this call revoked it (false when it was revoked before).
   */
  async revoke(id: string, organizationId?: string) {
    const scoped = organizationId === undefined ? undefined : eq(apiTokens.organizationId, organizationId);
    return this.db.transaction(async (tx) => {
      const revoked = await tx
        .update(apiTokens)
        .set({ revokedAt: sql`now()` })
        .where(and(scoped, idIs(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      const [token] = await tx
        .select(columns)
        .from(apiTokens)
        .where(and(scoped, idIs(apiTokens.id, id)));
      if (!token) throw notFound("API token", id);
      await tx.execute(sql`select pg_notify(${TOKEN_REVOKED_CHANNEL}, ${token.id})`);
      return { token, revokedNow: revoked.length > 0 };
    });
  }
}
