import type { Db } from "@marquee/db";
import { organizerAccountExistsEmail, organizerConfirmEmail, toLocale } from "@marquee/documents";
import type { Clock } from "../../clock.ts";
import type { TOrganizerSignedUpEvent } from "../../jobs/definitions.ts";
import { hashPasswordResetToken, newPasswordResetToken } from "../account/password-reset-token.ts";
import type { Mailer } from "../mail/create-mailer.ts";
import { MAIL_SENT, sendMailOnce, sentOrRetryLater } from "../mail/send-mail-once.ts";
import { ORGANIZER_CONFIRMATION_TTL_HOURS } from "./organizer-sign-up-schemas.ts";

export interface TSendOrganizerSignUpDeps {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  mailLeaseMs?: number;
  webUrl: string;
  adminUrl: string;
}

export const organizerSignUpMailKey = (requestId: string) => `organizer-sign-up:${requestId}`;
/** Only this digest of a confirmation token is stored. */
export const hashConfirmationToken = (token: string) => hashPasswordResetToken(`organizer-confirm:${token}`);

/**
 * The notification worker's `organizer.signed-up` job. For the account the sign-up created (and
 * still unproven): a single-use confirmation token (only its hash stored, 48 hours) and the link
 * `ADMIN_URL/signup/confirm#token=...`. For a taken address: "you already have an account, sign in
 * or reset your password". Once per sign-up; a disabled account gets nothing. Answers whether this
 * call sent the e-mail.
 */
export async function sendOrganizerSignUpEmail(deps: TSendOrganizerSignUpDeps, payload: TOrganizerSignedUpEvent): Promise<boolean> {
  const key = organizerSignUpMailKey(payload.requestId);
  const user = await deps.db.user.findUnique({
    where: { email: payload.email },
    select: {
      id: true,
      name: true,
      locale: true,
      disabledAt: true,
      emailVerifiedAt: true,
      memberships: { select: { organization: { select: { name: true } } } },
    },
  });
  if (!user || user.disabledAt) return false;
  const locale = toLocale(user.locale ?? payload.locale);
  if (payload.userId === null || payload.userId !== user.id) {
    const result = await sendMailOnce(deps, {
      key,
      to: payload.email,
      template: organizerAccountExistsEmail({
        locale,
        name: user.name ?? undefined,
        signInUrl: new URL("/signin", deps.adminUrl).toString(),
        resetUrl: new URL("/signin/forgot", deps.webUrl).toString(),
      }),
    });
    return sentOrRetryLater(result);
  }
  if (user.emailVerifiedAt) return false;
  const [sent, existing] = await Promise.all([
    deps.db.processedMessage.findUnique({ where: { consumer_messageId: { consumer: MAIL_SENT, messageId: key } }, select: { messageId: true } }),
    deps.db.emailConfirmation.findUnique({ where: { id: payload.requestId }, select: { usedAt: true } }),
  ]);
  if (sent || existing?.usedAt) return false;
  const token = newPasswordResetToken();
  const row = { tokenHash: hashConfirmationToken(token), expiresAt: new Date(deps.clock.now().getTime() + ORGANIZER_CONFIRMATION_TTL_HOURS * 3_600_000) };
  await deps.db.emailConfirmation.upsert({ where: { id: payload.requestId }, create: { id: payload.requestId, userId: user.id, ...row }, update: row });
  const result = await sendMailOnce(deps, {
    key,
    to: payload.email,
    template: organizerConfirmEmail({
      locale,
      name: user.name ?? undefined,
      organizationName: user.memberships[0]?.organization.name ?? "your organisation",
      confirmUrl: new URL(`/signup/confirm#token=${token}`, deps.adminUrl).toString(),
      hours: ORGANIZER_CONFIRMATION_TTL_HOURS,
    }),
  });
  return sentOrRetryLater(result);
}
