import { type Db, Prisma } from "@marquee/db";
import { hashPassword } from "@marquee/db/password";
import type { RedisClient } from "../../lib/redis-client.ts";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import type { SessionUser } from "../../session.ts";
import { assertCurrentPassword } from "../account/current-password.ts";
import { ZNewPassword } from "../account/password-reset-token.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { hashInvitationToken } from "./send-invitation.ts";
import type { TAcceptInvitationInput } from "./team-schemas.ts";

export interface TAcceptInvitationDeps {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
  clock: Clock;
}

const expired = () => new AppError("LINK_EXPIRED", "This invitation has expired, was withdrawn or was used already. Ask the team owner for a new one.");

async function pendingInvitation(deps: TAcceptInvitationDeps, token: string) {
  const invitation = await deps.db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { organization: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= deps.clock.now()) throw expired();
  return invitation;
}

/** What the accept page shows before anything happens: who invites whom, as what. */
export async function previewInvitation(deps: TAcceptInvitationDeps, token: string) {
  const invitation = await pendingInvitation(deps, token);
  const account = await deps.db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    organizationName: invitation.organization.name,
    role: invitation.role,
    email: invitation.email,
    accountExists: account !== null,
    expiresAt: invitation.expiresAt,
  };
}

/**
 * Accepts an invitation once, for its address only: signed in as that address, or with that
 * account's password (checks limited per account), or, for an address without an account, a new
 * account with a name and password (the link proved the address, so it is verified at once).
 * The membership gets the invitation's role; audited `team.invite-accept`.
 */
export async function acceptInvitation(deps: TAcceptInvitationDeps, session: SessionUser | null, ip: string | null, input: TAcceptInvitationInput) {
  const invitation = await pendingInvitation(deps, input.token);
  const now = deps.clock.now();
  const account = await deps.db.user.findUnique({ where: { email: invitation.email }, select: { id: true, disabledAt: true, emailVerifiedAt: true } });
  if (account?.disabledAt) throw expired();
  let newAccount: { name: string; passwordHash: string } | null = null;
  if (account) {
    if (session?.id !== account.id) {
      if (!input.password) throw new AppError("PASSWORD_INCORRECT", "Sign in as the invited address or give its password.", { field: "password" });
      await assertCurrentPassword(deps, account.id, input.password);
    }
  } else {
    const password = ZNewPassword.safeParse(input.password);
    if (!input.name || !password.success)
      throw new AppError("VALIDATION_ERROR", "A name and a password of 10 to 200 characters are needed.", { field: "password" });
    newAccount = { name: input.name, passwordHash: await hashPassword(password.data) };
  }
  try {
    return await deps.db.$transaction(async (tx) => {
      const used = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now, tokenHash: null },
      });
      if (used.count !== 1) throw expired();
      const userId = account
        ? account.id
        : (await tx.user.create({ data: { email: invitation.email, ...newAccount!, emailVerifiedAt: now }, select: { id: true } })).id;
      // The link reached the mailbox and the password matched: the address is proven.
      if (account && !account.emailVerifiedAt) await tx.user.update({ where: { id: account.id }, data: { emailVerifiedAt: now } });
      await tx.membership.create({ data: { userId, organizationId: invitation.organizationId, role: invitation.role } });
      await recordAudit(tx, {
        organizationId: invitation.organizationId,
        actor: { kind: "user", userId, ip },
        action: "team.invite-accept",
        targetType: "Invitation",
        targetId: invitation.id,
        data: { email: invitation.email, role: invitation.role, newAccount: !account },
      });
      return { organizationId: invitation.organizationId, email: invitation.email, role: invitation.role };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", "This account is already on the organisation's team.");
    }
    throw error;
  }
}
