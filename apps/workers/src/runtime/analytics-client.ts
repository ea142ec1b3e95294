import { AnalyticsServiceClient, AnalyticsServiceService, type RecordReply, type RecordRequest } from "@marquee/proto/v1/analytics";
import { createServiceClient, isValidIdempotencyKey, type TBreakerOptions } from "./grpc-client/index.ts";
import { type TMetrics } from "./metrics.ts";

export const ANALYTICS_DEADLINE_MS = 2_000;

/**
 * A promise-based client for the analytics worker's AnalyticsService, on the grpc-client layer:
 * a deadline per attempt, the current correlation id in `x-correlation-id`, and one circuit
 * breaker for the service. Record is idempotent per correlation id, which is sent as
 * `x-idempotency-key` too, so a Record whose answer was lost is retried with backoff and still
 * counted once.
 */
export function createAnalyticsClient(
  address: string,
  options: { metrics?: TMetrics; deadlineMs?: number; retries?: number; breaker?: Partial<TBreakerOptions> } = {},
) {
  const analytics = createServiceClient(AnalyticsServiceClient, address, {
    deadlineMs: options.deadlineMs ?? ANALYTICS_DEADLINE_MS,
    retries: options.retries,
    breaker: options.breaker,
    metrics: options.metrics,
  });

  return {
    /** Adds `count` to counter `name`, once per `request.correlationId`. */
    record: (request: RecordRequest, correlationId?: string): Promise<RecordReply> =>
      analytics.call(AnalyticsServiceService.record, request, {
        correlationId,
        // A key gRPC metadata cannot carry is still sent in the message, only without retries.
        idempotencyKey: isValidIdempotencyKey(request.correlationId) ? request.correlationId : undefined,
      }),
    /** Current values of `names` (every counter when empty). */
    getCounters: async (names: string[]): Promise<Record<string, number>> => {
      const reply = await analytics.call(AnalyticsServiceService.getCounters, { names });
      return reply.counters;
    },
    /** The analytics service's breaker state: "closed", "half_open" or "open". */
    breakerState: () => analytics.breaker.state(),
    close: () => analytics.close(),
  };
}

export type TAnalyticsClient = ReturnType<typeof createAnalyticsClient>;
