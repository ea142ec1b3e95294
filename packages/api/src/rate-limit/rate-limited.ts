import { createHash } from "node:crypto";
import type { RedisClient } from "../lib/redis-client.ts";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RequestMeta } from "../context.ts";
import { AppError } from "../errors.ts";
import { rateLimitIpKey } from "../http/client-ip.ts";
import { middleware } from "../trpc.ts";
import { configuredRateLimits, type RateLimitPolicy, type RateLimits } from "./limits.ts";

export interface RateLimitDeps {
  redis: RedisClient;
  redisPrefix: string;
  request: Pick<RequestMeta, "ip" | "cartToken">;
  /** The organisation API token a REST call authenticated with (its id, not the secret). */
  apiTokenId?: string | null;
}

// One limiter per Redis client and (key prefix, points, window): limiters are stateless wrappers
// around a Lua script, so they are shared across requests (and by sign-in's own limits).
const limiters = new WeakMap<RedisClient, Map<string, RateLimiterRedis>>();

/** The shared rate-limiter-flexible limiter for keys under `keyPrefix`: `points` per `duration` seconds. */
export function limiter(redis: RedisClient, keyPrefix: string, points: number, duration: number): RateLimiterRedis {
  let byKey = limiters.get(redis);
  if (!byKey) limiters.set(redis, (byKey = new Map()));
  const id = `${keyPrefix}|${points}|${duration}`;
  let found = byKey.get(id);
  if (!found) byKey.set(id, (found = new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration })));
  return found;
}

// Cart tokens are bearer secrets: only a digest goes into Redis keys.
const digest = (value: string) => createHash("sha256").update(value).digest("base64url").slice(0, 32);

/**
 * Counts one request against the policy's per-IP and per-cart limits (keys under
 * `<redisPrefix>:rl:<policy>:ip|cart:`), throwing RATE_LIMITED with retryAfterSeconds when over.
 * HTTP transports always name an address: the client's, or "unknown" (one shared bucket) when it
 * cannot be determined; IPv6 counts per /64. Only in-process calls (server components,
 * createCaller) carry none and skip the per-IP dimension; no cart token skips the per-cart one. If
 * Redis fails, the request is let through: a limiter outage must not take the site down.
 */
export async function consumeRateLimit(deps: RateLimitDeps, policy: string, limits: RateLimits): Promise<void> {
  const duration = limits.windowSeconds ?? 60;
  const checks: [RateLimiterRedis, string][] = [];
  if (limits.perIp && typeof deps.request.ip === "string")
    checks.push([limiter(deps.redis, `${deps.redisPrefix}:rl:${policy}:ip`, limits.perIp, duration), rateLimitIpKey(deps.request.ip)]);
  if (limits.perCart && deps.request.cartToken)
    checks.push([limiter(deps.redis, `${deps.redisPrefix}:rl:${policy}:cart`, limits.perCart, duration), digest(deps.request.cartToken)]);
  if (limits.perToken && deps.apiTokenId)
    checks.push([limiter(deps.redis, `${deps.redisPrefix}:rl:${policy}:token`, limits.perToken, duration), deps.apiTokenId]);
  const results = await Promise.allSettled(checks.map(([rl, key]) => rl.consume(key)));
  let waitMs = 0;
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    if (result.reason instanceof RateLimiterRes) waitMs = Math.max(waitMs, result.reason.msBeforeNext);
    else console.warn(`rate limit ${policy}: RedisClient unavailable, request let through:`, (result.reason as Error)?.message ?? result.reason);
  }
  if (waitMs > 0) {
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new AppError("RATE_LIMITED", `Too many requests. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/**
 * tRPC middleware: `publicProcedure.use(rateLimited("hold"))` uses the RATE_LIMIT_HOLD_* settings;
 * `rateLimited("name", { perIp, perCart })` sets explicit limits.
 */
export function rateLimited(policy: RateLimitPolicy): ReturnType<typeof limitMiddleware>;
export function rateLimited(policy: string, limits: RateLimits): ReturnType<typeof limitMiddleware>;
export function rateLimited(policy: string, limits?: RateLimits) {
  return limitMiddleware(policy, limits);
}

const limitMiddleware = (policy: string, limits: RateLimits | undefined) =>
  middleware(async ({ ctx, next }) => {
    try {
      await consumeRateLimit(ctx, policy, limits ?? configuredRateLimits(policy as RateLimitPolicy));
    } catch (error) {
      throw error instanceof AppError ? error.toTRPCError() : error;
    }
    return next();
  });
