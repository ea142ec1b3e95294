import { type Metadata, status as Status } from "@grpc/grpc-js";
import { type AnalyticsServiceServer, AnalyticsServiceService } from "@marquee/proto/v1/analytics";
import type { RedisClient } from "@marquee/api/lib/redis-client";
import { createCounterStore } from "../../../roles/analytics-counters.ts";
import { createGrpcServer, GrpcError, unary } from "../../grpc-server.ts";
import { createLogger } from "../../logger.ts";
import { createMetrics } from "../../metrics.ts";
import { readIdempotencyKey } from "../server-idempotency.ts";

/**
 * A real AnalyticsService on a free port for the grpc-client tests. Record dedupes its effect
 * (the Redis counter store's Lua script) by the call's `x-idempotency-key`, else by the
 * message's correlation id; with neither it applies the effect every time, like a
 * non-idempotent call. Hooks let a test act right after the effect (e.g. drop the connection).
 */
export async function startCounterServer(redis: RedisClient, prefix: string) {
  const counters = createCounterStore(redis, prefix);
  const seen = { calls: 0, metadata: [] as Metadata[] };
  let plainEffects = 0;
  const hooks: { afterEffect?: () => void } = {};
  const grpc = createGrpcServer(createLogger("test", "silent"), createMetrics("test"));

  const implementation: AnalyticsServiceServer = {
    record: unary(async (request, call) => {
      seen.calls += 1;
      seen.metadata.push(call.metadata);
      if (request.count <= 0) throw new GrpcError(Status.INVALID_ARGUMENT, "count: must be positive");
      const key = readIdempotencyKey(call.metadata) ?? (request.correlationId || undefined);
      let reply: { applied: boolean; value: number };
      if (key === undefined) {
        plainEffects += 1;
        reply = { applied: true, value: plainEffects };
      } else {
        reply = await counters.record({ name: request.name, count: request.count, correlationId: key });
      }
      hooks.afterEffect?.();
      return reply;
    }),
    getCounters: unary(async (request) => ({ counters: await counters.get(request.names) })),
    getQueueStats: unary(async () => ({ stats: undefined })),
  };
  grpc.addService(AnalyticsServiceService, implementation);
  const port = await grpc.bind("127.0.0.1:0", "TEST_GRPC_PORT");

  return {
    port,
    seen,
    hooks,
    counters,
    plainEffects: () => plainEffects,
    close: () => grpc.shutdown(1_000),
  };
}
