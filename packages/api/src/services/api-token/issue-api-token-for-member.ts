import type { Db } from "@marquee/db";
import { createContextInner } from "../../context.ts";
import { AppError } from "../../errors.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import type { RedisClient } from "../../lib/redis-client.ts";
import { API_TOKEN_ROLES, type TApiTokenRole } from "./api-token-schemas.ts";
import { createApiToken } from "./manage-api-tokens.ts";

export interface TIssueForMemberInput {
  email: string;
  name: string;
  role?: string;
  /** When the member belongs to several organisations: which one (id or slug). */
  organization?: string;
}

/**
 * `npm run api-token`: a new token for a member's organisation, created as that member (audited as
 * api-token.create). The member must be able to manage the organisation, as in the console.
 */
export async function issueApiTokenForMember(deps: { db: Db }, input: TIssueForMemberInput) {
  const role = (input.role ?? "ADMIN").toUpperCase();
  if (!(API_TOKEN_ROLES as readonly string[]).includes(role)) throw new AppError("VALIDATION_ERROR", `--role must be one of ${API_TOKEN_ROLES.join(", ")}.`);
  const user = await deps.db.user.findUnique({
    where: { email: input.email.trim().toLowerCase() },
    include: { memberships: { include: { organization: { select: { id: true, slug: true, name: true } } } } },
  });
  if (!user) throw new AppError("NOT_FOUND", `No account with the e-mail ${input.email}.`);
  const memberships = user.memberships.filter(
    (m) => !input.organization || m.organization.id === input.organization || m.organization.slug === input.organization,
  );
  if (memberships.length === 0)
    throw new AppError("FORBIDDEN", `${user.email} is not a member of ${input.organization ? `the organisation ${input.organization}` : "any organisation"}.`);
  if (memberships.length > 1) {
    throw new AppError(
      "VALIDATION_ERROR",
      `${user.email} belongs to several organisations; name one with --organization (${memberships.map((m) => m.organization.slug).join(", ")}).`,
    );
  }
  const membership = memberships[0]!;
  if (membership.role !== "OWNER" && membership.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", `${user.email} is ${membership.role} in ${membership.organization.name}; only owners and admins create API tokens.`);
  }
  const ctx = createContextInner({
    db: deps.db,
    // The token service uses neither Redis nor queues.
    redis: undefined as unknown as RedisClient,
    queues: undefined as unknown as QueueClient,
    session: { id: user.id, email: user.email, name: user.name, platformRole: user.platformRole, memberships: [] },
  });
  const created = await createApiToken(ctx, membership.organization.id, { name: input.name, role: role as TApiTokenRole, createdById: user.id });
  return { ...created, organization: membership.organization };
}
