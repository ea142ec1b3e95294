import type { Db } from "@marquee/db";
import type { RedisClient } from "../../lib/redis-client.ts";
import { RateLimiterRes } from "rate-limiter-flexible";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { limiter } from "../../rate-limit/rate-limited.ts";
import { hashRecoveryCode, looksLikeRecoveryCode, openTotpSecret, verifyTotp } from "./totp.ts";

// Wrong codes per account: 5 per 15 minutes (a 6-digit code cannot be guessed in that budget).
export const TWO_FACTOR_TRIES = { points: 5, duration: 15 * 60 };

export interface TSecondFactorDeps {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
  clock: Clock;
}

const failures = (deps: Pick<TSecondFactorDeps, "redis" | "redisPrefix">) =>
  limiter(deps.redis, `${deps.redisPrefix}:rl:two-factor:user`, TWO_FACTOR_TRIES.points, TWO_FACTOR_TRIES.duration);

/** RATE_LIMITED once the account has had 5 wrong codes in the window (checked before any code is looked at). */
export async function assertCodeBudget(deps: Pick<TSecondFactorDeps, "redis" | "redisPrefix">, userId: string): Promise<void> {
  const used = await failures(deps).get(userId);
  if (used && used.consumedPoints >= TWO_FACTOR_TRIES.points) {
    const retryAfterSeconds = Math.max(1, Math.ceil(used.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `Too many wrong two-factor codes. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/** Counts one wrong code (or password, where one stands in for a code) against the account. */
export async function recordCodeFailure(deps: Pick<TSecondFactorDeps, "redis" | "redisPrefix">, userId: string): Promise<void> {
  await failures(deps)
    .penalty(userId, 1)
    .catch((error: unknown) => {
      if (!(error instanceof RateLimiterRes)) throw error;
    });
}

/**
 * Checks an enrolled user's second factor: a TOTP code, valid once per time step (the step is
 * stored with a conditional update, so two requests with one code cannot both pass), or an unused
 * recovery code (used up here). Answers whether it was right; RATE_LIMITED after 5 wrong codes in 15 minutes.
 */
export async function verifySecondFactor(deps: TSecondFactorDeps, userId: string, code: string): Promise<boolean> {
  await assertCodeBudget(deps, userId);
  const right = await checkCode(deps, userId, code);
  if (!right) await recordCodeFailure(deps, userId);
  return right;
}

async function checkCode(deps: TSecondFactorDeps, userId: string, code: string): Promise<boolean> {
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
  const secret = openTotpSecret(userId, user.twoFactorSecret);
  if (!secret) return false;
  const step = await verifyTotp(secret, trimmed, deps.clock.now(), user.twoFactorLastStep);
  if (step === null) return false;
  const stored = await deps.db.user.updateMany({
    where: { id: userId, OR: [{ twoFactorLastStep: null }, { twoFactorLastStep: { lt: step } }] },
    data: { twoFactorLastStep: step },
  });
  return stored.count === 1;
}
