import type { Db, PlatformRole, TeamRole } from "@marquee/db";
import { policyRequires } from "./services/two-factor/two-factor-policy.ts";

export interface SessionMembership {
  organizationId: string;
  organizationName: string;
  role: TeamRole;
  /**
   * The organisation's two-factor policy asks it of this role and the user has not turned it on:
   * the console sends them to enrol, and every organisation procedure refuses them until they do.
   */
  twoFactorMissing?: boolean;
}

/** The signed-in user as procedures see it: re-read from the database on every request. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  platformRole: PlatformRole;
  memberships: SessionMembership[];
  /**
   * Set when the request authenticated with an organisation's API token (REST, `Authorization:
   * Bearer`), never a cookie: then `memberships` holds exactly the token's organisation and role.
   */
  apiToken?: { id: string; name: string };
}

/** What the JWT session carries: the user id and the session version it was issued under. */
export interface SessionClaims {
  sub: string;
  sessionVersion: number;
}

/**
 * Resolves JWT claims to a user, or null when the user is gone, disabled, or their session
 * version moved on (sign-out everywhere, role change): a stolen or stale cookie stops working
 * at once even though JWTs cannot be revoked.
 */
export async function loadSessionUser(db: Db, claims: SessionClaims | null): Promise<SessionUser | null> {
  if (!claims?.sub) return null;
  const user = await db.user.findUnique({
    where: { id: claims.sub },
    include: { memberships: { include: { organization: { select: { name: true, twoFactorPolicy: true } } }, orderBy: { createdAt: "asc" } } },
  });
  if (!user || user.disabledAt || user.sessionVersion !== claims.sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    platformRole: user.platformRole,
    memberships: user.memberships.map((membership) => ({
      organizationId: membership.organizationId,
      organizationName: membership.organization.name,
      role: membership.role,
      twoFactorMissing: user.twoFactorEnabledAt === null && policyRequires(membership.organization.twoFactorPolicy, membership.role),
    })),
  };
}
