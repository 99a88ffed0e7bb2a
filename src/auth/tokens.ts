import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { apiTokens, organizations } from "../db/schema.js";
import type { Role } from "../domain/vocabulary.js";

const TOKEN_PREFIX = "tex_";

/** Who is calling: one organization and one role, from one API token. */
export interface Principal {
  organizationId: string;
  organizationSlug: string;
  role: Role;
  tokenId: string;
  /** How records name this caller (who asked, who exported): the token's id, never the token. */
  actor: string;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** True when `role` includes everything `required` may do (viewer < operator < admin). */
export function roleAllows(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Creates a token for the organization `slug` (creating the organization when it is new) and returns it.
 * The token is shown once: only its sha256 is stored.
 */
export async function issueToken(db: Db, slug: string, role: Role): Promise<{ token: string; tokenId: string }> {
  if (!SLUG.test(slug)) throw new Error(`Organization slug "${slug}" must be lowercase letters, digits and dashes.`);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    await tx.insert(organizations).values({ slug }).onConflictDoNothing({ target: organizations.slug });
    const [organization] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
    const [row] = await tx
      .insert(apiTokens)
      .values({ organizationId: organization.id, role, tokenHash: hashToken(token), prefix: token.slice(0, 10) })
      .returning({ id: apiTokens.id });
    return { token, tokenId: row.id };
  });
}

/** Finds the live token behind a bearer value; null when unknown or revoked. */
export async function authenticate(db: Db, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      role: apiTokens.role,
      organizationId: apiTokens.organizationId,
      organizationSlug: organizations.slug,
    })
    .from(apiTokens)
    .innerJoin(organizations, eq(organizations.id, apiTokens.organizationId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  return row ? { ...row, actor: `token:${row.tokenId}` } : null;
}

/** The token in an `Authorization: Bearer <token>` value, or null. */
export function bearerToken(header: string | undefined | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match ? match[1] : null;
}
