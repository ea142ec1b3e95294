import type { Db } from "@marquee/db";
import type { RedisClient } from "../../lib/redis-client.ts";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { assertCurrentPassword } from "../account/current-password.ts";
import type { TConfirmOrganizerEmailInput } from "./organizer-sign-up-schemas.ts";
import { hashConfirmationToken } from "./send-organizer-sign-up.ts";

const expired = () => new AppError("LINK_EXPIRED", "This confirmation link has expired or was used already. Sign up again to get a new one.");

/**
 * Proves an organiser's address: the e-mailed link (once, before it expires) together with the
 * password chosen at sign-up. Both are needed, so someone who signed up with another person's
 * address cannot have that person confirm it for them by clicking the link. The password's checks
 * are limited per account (10 per 15 minutes). The client then signs in with the password.
 */
export async function confirmOrganizerEmail(deps: { db: Db; redis: RedisClient; redisPrefix: string; clock: Clock }, input: TConfirmOrganizerEmailInput) {
  const now = deps.clock.now();
  const row = await deps.db.emailConfirmation.findUnique({
    where: { tokenHash: hashConfirmationToken(input.token) },
    select: { id: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, disabledAt: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now || row.user.disabledAt) throw expired();
  await assertCurrentPassword(deps, row.user.id, input.password).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "PASSWORD_INCORRECT")
      throw new AppError("PASSWORD_INCORRECT", "That is not the password you chose at sign-up.");
    throw error;
  });
  await deps.db.$transaction(async (tx) => {
    const used = await tx.emailConfirmation.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) throw expired();
    await tx.user.updateMany({ where: { id: row.user.id, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
  });
  return { email: row.user.email };
}
