import { status as Status } from "@grpc/grpc-js";
import { type AnalyticsServiceServer, AnalyticsServiceService } from "@marquee/proto/v1/analytics";
import { z } from "zod";
import { analyticsRecord, ZCorrelationId, ZCounterName, ZRecordCounterPayload } from "../jobs/definitions";
import { jobKey, JobRegistry } from "../jobs/registry";
import { idempotencyKeyOf } from "../runtime/grpc-client";
import { GrpcError, unary } from "../runtime/grpc-server";
import { createCounterStore } from "./analytics-counters";
import { queueStats, type TRoleContext, type TRoleModule } from "./types";

const ZRecordRequest = ZRecordCounterPayload.extend({ correlationId: ZCorrelationId });
const ZGetCountersRequest = z.object({ names: z.array(ZCounterName).max(1_000) });

function parseRequest<TSchema extends z.ZodType>(schema: TSchema, request: unknown): z.output<TSchema> {
  const parsed = schema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GrpcError(Status.INVALID_ARGUMENT, `${issue.path.join(".") || "request"}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The analytics worker: counters in Redis. Other workers call Record over gRPC after each job;
 * producers that do not need an answer can enqueue an `analytics record` job instead.
 */
export function createAnalyticsRole(context: TRoleContext): TRoleModule {
  const counters = createCounterStore(context.redis, context.prefix);

  const jobs = new JobRegistry(analyticsRecord.queue).register(analyticsRecord, async (payload, job) => {
    const result = await counters.record({ ...payload, correlationId: jobKey(job) });
    context.logger.info({ name: payload.name, ...result }, "counter recorded");
  });

  const implementation: AnalyticsServiceServer = {
    record: unary(async (request, call) => {
      // The caller's idempotency key rides in metadata (x-idempotency-key); older callers put it
      // in the message only. Two different keys are refused.
      const correlationId = idempotencyKeyOf(call, request.correlationId);
      const input = parseRequest(ZRecordRequest, { ...request, correlationId });
      const result = await counters.record(input);
      context.logger.debug({ name: input.name, ...result }, "counter recorded");
      return result;
    }),
    getCounters: unary(async (request) => ({
      counters: await counters.get(parseRequest(ZGetCountersRequest, request).names),
    })),
    getQueueStats: unary(async () => ({ stats: await queueStats(context.queue) })),
  };

  return { jobs, service: { name: "marquee.v1.AnalyticsService", definition: AnalyticsServiceService, implementation } };
}
