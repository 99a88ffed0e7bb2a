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
   * Revokes a token of the organization: from now on it authenticates nothing, and every instance closes the
   * WebSocket connections opened with it. Revoking a revoked token changes nothing.
   */
  async revoke(organizationId: string, id: string) {
    return this.db.transaction(async (tx) => {
      await tx
        .update(apiTokens)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(apiTokens.organizationId, organizationId), idIs(apiTokens.id, id), isNull(apiTokens.revokedAt)));
      const [row] = await tx
        .select(columns)
        .from(apiTokens)
        .where(and(eq(apiTokens.organizationId, organizationId), idIs(apiTokens.id, id)));
      if (!row) throw notFound("API token", id);
      await tx.execute(sql`select pg_notify(${TOKEN_REVOKED_CHANNEL}, ${id})`);
      return row;
    });
  }
}
