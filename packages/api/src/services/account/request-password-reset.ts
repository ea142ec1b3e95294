import { randomUUID } from "node:crypto";
import type { RedisClient } from "../../lib/redis-client.ts";
import { RateLimiterRes } from "rate-limiter-flexible";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { notificationPasswordReset } from "../../jobs/definitions.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import { limiter } from "../../rate-limit/rate-limited.ts";

export const ZRequestPasswordResetInput = z.object({
  email: z
    .email()
    .max(320)
    .transform((email) => email.toLowerCase()),
});
export type TRequestPasswordResetInput = z.infer<typeof ZRequestPasswordResetInput>;

// Reset e-mails asked for per address, whether or not it has an account: 5 per hour, so nobody
// floods an inbox through us (the procedure also limits each client address).
export const RESET_REQUESTS_PER_ADDRESS = { points: 5, duration: 60 * 60 };

/**
 * "Forgot password": counts the request against the address and hands the rest to the
 * notification worker (`account.password-reset`). The answer is the same whether the address has
 * an account or not, and takes the same time: looking the account up, minting the token and
 * sending the e-mail all happen in the job.
 */
export async function requestPasswordReset(
  deps: { redis: RedisClient; redisPrefix: string; queues: QueueClient },
  input: TRequestPasswordResetInput,
): Promise<void> {
  const perAddress = limiter(
    deps.redis,
    `${deps.redisPrefix}:rl:password-reset:address`,
    RESET_REQUESTS_PER_ADDRESS.points,
    RESET_REQUESTS_PER_ADDRESS.duration,
  );
  try {
    await perAddress.consume(input.email);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `Too many reset requests for this address. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
  await deps.queues.add(notificationPasswordReset, { requestId: randomUUID(), email: input.email });
}
