import type { Db, TeamRole } from "@marquee/db";
import { teamInvitationEmail, toLocale } from "@marquee/documents";
import type { Clock } from "../../clock.ts";
import type { TTeamInvitationSentEvent } from "../../jobs/definitions.ts";
import { hashPasswordResetToken, newPasswordResetToken } from "../account/password-reset-token.ts";
import type { Mailer } from "../mail/create-mailer.ts";
import { MAIL_SENT, sendMailOnce, sentOrRetryLater } from "../mail/send-mail-once.ts";
import { INVITATION_TTL_DAYS } from "./team-schemas.ts";

export interface TSendInvitationDeps {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  mailLeaseMs?: number;
  adminUrl: string;
}

const ROLE_LABELS: Record<TeamRole, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  BOX_OFFICE: "Box office",
  DOOR_STAFF: "Door staff",
  SUPPORT_AGENT: "Support agent",
};

export const invitationMailKey = (sendId: string) => `team-invitation:${sendId}`;
/** Only this digest of an invitation token is stored. */
export const hashInvitationToken = (token: string) => hashPasswordResetToken(`team-invitation:${token}`);

/**
 * The notification worker's `team.invitation-sent` job: for an invitation still pending, a new
 * token (32 random bytes; only its hash stored, replacing any earlier one) and the e-mail with
 * `ADMIN_URL/invites/accept#token=...`, once per send. The token rides in the fragment, which
 * browsers send to no server. Answers whether this call sent the e-mail.
 */
export async function sendInvitationEmail(deps: TSendInvitationDeps, payload: TTeamInvitationSentEvent): Promise<boolean> {
  const key = invitationMailKey(payload.sendId);
  const sent = await deps.db.processedMessage.findUnique({
    where: { consumer_messageId: { consumer: MAIL_SENT, messageId: key } },
    select: { messageId: true },
  });
  if (sent) return false;
  const invitation = await deps.db.invitation.findUnique({
    where: { id: payload.invitationId },
    include: { organization: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= deps.clock.now()) return false;
  const token = newPasswordResetToken();
  const minted = await deps.db.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null },
    data: { tokenHash: hashInvitationToken(token) },
  });
  if (minted.count !== 1) return false;
  const recipient = await deps.db.user.findUnique({ where: { email: invitation.email }, select: { locale: true } });
  const result = await sendMailOnce(deps, {
    key,
    to: invitation.email,
    template: teamInvitationEmail({
      locale: toLocale(recipient?.locale),
      organizationName: invitation.organization.name,
      inviterName: invitation.invitedBy?.name ?? undefined,
      roleLabel: ROLE_LABELS[invitation.role],
      acceptUrl: new URL(`/invites/accept#token=${token}`, deps.adminUrl).toString(),
      days: INVITATION_TTL_DAYS,
    }),
  });
  return sentOrRetryLater(result);
}
