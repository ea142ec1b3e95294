import type { Db } from "@marquee/db";
import { passwordResetEmail, toLocale } from "@marquee/documents";
import type { Clock } from "../../clock.ts";
import type { TPasswordResetPayload } from "../../jobs/definitions.ts";
import type { Mailer } from "../mail/create-mailer.ts";
import { MAIL_SENT, sendMailOnce, sentOrRetryLater } from "../mail/send-mail-once.ts";
import { PASSWORD_RESET_TTL_MINUTES, hashPasswordResetToken, newPasswordResetToken, passwordStamp } from "./password-reset-token.ts";

export const passwordResetMailKey = (requestId: string) => `password-reset:${requestId}`;

export interface TSendPasswordResetDeps {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  mailLeaseMs?: number;
  webUrl: string;
}

/**
 * The notification worker's `account.password-reset` job: for an address with an account that is
 * not disabled, a new single-use token (only its hash stored, bound to the user and their
 * password state) and the e-mail with the link; for any other address nothing, silently.
 * Once per request: a retried job replaces its own token before the e-mail leaves, and does
 * nothing after. The token travels in the link's fragment, which browsers never send to a server
 * or in a Referer. Answers whether this call sent the e-mail.
 */
export async function sendPasswordResetEmail(deps: TSendPasswordResetDeps, payload: TPasswordResetPayload): Promise<boolean> {
  const user = await deps.db.user.findUnique({
    where: { email: payload.email },
    select: { id: true, name: true, locale: true, passwordHash: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return false;
  const key = passwordResetMailKey(payload.requestId);
  const [sent, existing] = await Promise.all([
    deps.db.processedMessage.findUnique({ where: { consumer_messageId: { consumer: MAIL_SENT, messageId: key } }, select: { messageId: true } }),
    deps.db.passwordResetToken.findUnique({ where: { id: payload.requestId }, select: { usedAt: true } }),
  ]);
  if (sent || existing?.usedAt) return false;

  const token = newPasswordResetToken();
  const expiresAt = new Date(deps.clock.now().getTime() + PASSWORD_RESET_TTL_MINUTES * 60_000);
  const row = { tokenHash: hashPasswordResetToken(token), passwordStamp: passwordStamp(user.passwordHash), expiresAt };
  await deps.db.passwordResetToken.upsert({ where: { id: payload.requestId }, create: { id: payload.requestId, userId: user.id, ...row }, update: row });
  const result = await sendMailOnce(deps, {
    key,
    to: payload.email,
    template: passwordResetEmail({
      locale: toLocale(user.locale),
      name: user.name ?? undefined,
      resetUrl: new URL(`/signin/reset#token=${token}`, deps.webUrl).toString(),
      minutes: PASSWORD_RESET_TTL_MINUTES,
    }),
  });
  return sentOrRetryLater(result);
}
