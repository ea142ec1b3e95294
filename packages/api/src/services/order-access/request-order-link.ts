import { createHash, randomUUID } from "node:crypto";
import type { RedisClient } from "../../lib/redis-client.ts";
import { RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../../errors.ts";
import { notificationOrderLinkRequested } from "../../jobs/definitions.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import { limiter } from "../../rate-limit/rate-limited.ts";
import { type TRequestOrderLinkInput, type TRequestOrderLinkOutput, ZRequestOrderLinkInput } from "./order-access-schemas.ts";

/** Per e-mail address (whoever asks): a few requests an hour, so nobody floods an inbox. The per-IP limit sits on the procedure. */
export const ORDER_LINK_LIMIT_PER_EMAIL = { points: 3, windowSeconds: 60 * 60 };

export interface TRequestOrderLinkDeps {
  redis: RedisClient;
  redisPrefix: string;
  queues: QueueClient;
}

/** Counts one request for the address (only a digest of it reaches Redis); RATE_LIMITED when over. */
async function consumeEmailBudget(deps: TRequestOrderLinkDeps, email: string): Promise<void> {
  const key = createHash("sha256").update(`order-link:${email}`).digest("base64url");
  const { points, windowSeconds } = ORDER_LINK_LIMIT_PER_EMAIL;
  try {
    await limiter(deps.redis, `${deps.redisPrefix}:rl:order.link:email`, points, windowSeconds).consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `Too many requests for this address. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/**
 * "Find my order": queues a job that e-mails the order's link if the reference and the address
 * match an order. The answer (and the time it takes) is the same whether or not one does: the
 * lookup happens in the notification worker, never here.
 */
export async function requestOrderLink(deps: TRequestOrderLinkDeps, rawInput: TRequestOrderLinkInput): Promise<TRequestOrderLinkOutput> {
  const input = ZRequestOrderLinkInput.parse(rawInput);
  const email = input.email.trim().toLowerCase();
  await consumeEmailBudget(deps, email);
  await deps.queues.add(notificationOrderLinkRequested, {
    requestId: randomUUID(),
    email,
    reference: input.reference.trim().toUpperCase(),
    locale: input.locale,
  });
  return { requested: true };
}
