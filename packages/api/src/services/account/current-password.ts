import type { Db } from "@marquee/db";
import { verifyPassword } from "@marquee/db/password";
import type { RedisClient } from "../../lib/redis-client.ts";
import { RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../../errors.ts";
import { limiter } from "../../rate-limit/rate-limited.ts";

// Checks of the current password per account (change password, delete account): 10 per 15
// minutes, so a borrowed or stolen session cannot guess its way to the password.
export const CURRENT_PASSWORD_CHECKS = { points: 10, duration: 15 * 60 };

export interface TCurrentPasswordDeps {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
}

/**
 * Confirms that the signed-in user knows their current password: RATE_LIMITED past the budget,
 * PASSWORD_INCORRECT when it does not match (or the account has none). Answers the stored hash,
 * for a conditional update that loses to a concurrent change.
 */
export async function assertCurrentPassword(deps: TCurrentPasswordDeps, userId: string, password: string): Promise<string> {
  const checks = limiter(deps.redis, `${deps.redisPrefix}:rl:current-password:user`, CURRENT_PASSWORD_CHECKS.points, CURRENT_PASSWORD_CHECKS.duration);
  try {
    await checks.consume(userId);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `Too many password checks. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user?.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
    throw new AppError("PASSWORD_INCORRECT", "The current password is not right.", { field: "currentPassword" });
  }
  return user.passwordHash;
}
