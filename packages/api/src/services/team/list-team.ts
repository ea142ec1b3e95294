import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { toInvitationOutput } from "./invitations.ts";
import type { TListMembersInput } from "./team-schemas.ts";

/** The team, oldest member first, a page at a time (cursor: the last membership's id). */
export async function listMembers(deps: { db: Db }, input: TListMembersInput) {
  const rows = await deps.db.membership.findMany({
    where: { organizationId: input.organizationId },
    include: { user: { select: { name: true, email: true, twoFactorEnabledAt: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  return {
    members: page.map((row) => ({
      userId: row.userId,
      name: row.user.name,
      email: row.user.email,
      role: row.role,
      joinedAt: row.createdAt,
      twoFactorEnabled: row.user.twoFactorEnabledAt !== null,
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Pending invitations (not accepted, not withdrawn; expired ones flagged), newest first. */
export async function listInvitations(deps: { db: Db; clock: Clock }, input: TListMembersInput) {
  const rows = await deps.db.invitation.findMany({
    where: { organizationId: input.organizationId, acceptedAt: null, revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  const now = deps.clock.now();
  return { invitations: page.map((row) => toInvitationOutput(row, now)), nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}
