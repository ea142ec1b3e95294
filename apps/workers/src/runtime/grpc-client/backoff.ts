import { status as Status } from "@grpc/grpc-js";

/** Status codes after which an idempotent call may be sent again: the server may not have acted. */
export const RETRYABLE_CODES: ReadonlySet<Status> = new Set([Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED, Status.RESOURCE_EXHAUSTED, Status.ABORTED]);

export interface TBackoff {
  /** Upper bound of the first retry's delay. */
  initialMs: number;
  /** Cap on any single delay. */
  maxMs: number;
  multiplier: number;
}

export const DEFAULT_BACKOFF: TBackoff = { initialMs: 50, maxMs: 2_000, multiplier: 2 };

/**
 * Delay before retry number `retry` (1-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so that many callers failing together do not retry in lock-step.
 */
export function backoffDelay(retry: number, backoff: TBackoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * backoff.multiplier ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
