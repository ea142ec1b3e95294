import type { Db } from "@marquee/db";
import type { Redis } from "ioredis";
import { RateLimiterRes } from "rate-limiter-flexible";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { limiter } from "../../rate-limit/rate-limited.ts";
import { hashRecoveryCode, looksLikeRecoveryCode, verifyTotp } from "./totp.ts";

// Code tries per account: 5 per 15 minutes (a 6-digit code cannot be guessed in that budget).
export const TWO_FACTOR_TRIES = { points: 5, duration: 15 * 60 };

export interface TSecondFactorDeps {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  clock: Clock;
}

/** Counts one code try for the account; RATE_LIMITED past the budget. */
export async function consumeCodeTry(deps: Pick<TSecondFactorDeps, "redis" | "redisPrefix">, userId: string): Promise<void> {
  try {
    await limiter(deps.redis, `${deps.redisPrefix}:rl:two-factor:user`, TWO_FACTOR_TRIES.points, TWO_FACTOR_TRIES.duration).consume(userId);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `Too many two-factor codes tried. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/**
 * Checks an enrolled user's second factor: a TOTP code, valid once per time step (the step is
 * stored with a conditional update, so two requests with one code cannot both pass), or an unused
 * recovery code (used up here). Answers whether it was right; RATE_LIMITED past 5 tries in 15 minutes.
 */
export async function verifySecondFactor(deps: TSecondFactorDeps, userId: string, code: string): Promise<boolean> {
  await consumeCodeTry(deps, userId);
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { twoFactorSecret: true, twoFactorEnabledAt: true, twoFactorLastStep: true } });
  if (!user?.twoFactorSecret || !user.twoFactorEnabledAt) return false;
  const trimmed = code.trim();
  if (looksLikeRecoveryCode(trimmed) && !/^\d+$/.test(trimmed)) {
    const used = await deps.db.twoFactorRecoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(trimmed), usedAt: null },
      data: { usedAt: deps.clock.now() },
    });
    return used.count === 1;
  }
  const step = await verifyTotp(user.twoFactorSecret, trimmed, deps.clock.now(), user.twoFactorLastStep);
  if (step === null) return false;
  const stored = await deps.db.user.updateMany({
    where: { id: userId, OR: [{ twoFactorLastStep: null }, { twoFactorLastStep: { lt: step } }] },
    data: { twoFactorLastStep: step },
  });
  return stored.count === 1;
}
