import { type ApiEnv, readApiEnv } from "../env.ts";

/** Requests per window per client IP and per cart token; 0 or undefined means no limit. */
export interface RateLimits {
  perIp?: number;
  perCart?: number;
  /** Per organisation API token (organiser REST). */
  perToken?: number;
  /** Window length (default 60 s). */
  windowSeconds?: number;
}

export type RateLimitPolicy = "poll" | "join" | "hold" | "document" | "api-token" | "pairing";

/** Scanner pairing attempts per client IP per minute: with 60-bit one-time tokens living 15 minutes, guessing stays hopeless. */
export const PAIRING_PER_IP_PER_MINUTE = 10;

/** The policies' limits from RATE_LIMIT_* (see .env.example and rest/README.md). */
export function rateLimitsFromEnv(env: ApiEnv): Record<RateLimitPolicy, RateLimits> {
  return {
    poll: { perIp: env.RATE_LIMIT_POLL_PER_MINUTE, perCart: env.RATE_LIMIT_POLL_PER_CART_PER_MINUTE },
    join: { perIp: env.RATE_LIMIT_JOIN_PER_MINUTE, perCart: env.RATE_LIMIT_JOIN_PER_CART_PER_MINUTE },
    hold: { perIp: env.RATE_LIMIT_HOLD_PER_MINUTE, perCart: env.RATE_LIMIT_HOLD_PER_CART_PER_MINUTE },
    document: { perIp: env.RATE_LIMIT_DOCUMENT_PER_MINUTE },
    "api-token": { perIp: env.RATE_LIMIT_API_TOKEN_PER_IP_PER_MINUTE, perToken: env.RATE_LIMIT_API_TOKEN_PER_MINUTE },
    pairing: { perIp: PAIRING_PER_IP_PER_MINUTE },
  };
}

let configured: Record<RateLimitPolicy, RateLimits> | undefined;

/** Read on the first limited request, never at import (so `next build` needs no configuration). */
export function configuredRateLimits(policy: RateLimitPolicy): RateLimits {
  configured ??= rateLimitsFromEnv(readApiEnv());
  return configured[policy];
}
