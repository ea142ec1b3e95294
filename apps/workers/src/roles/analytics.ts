import { status as Status } from "@grpc/grpc-js";
import { systemClock } from "@marquee/api/clock";
import {
  analyticsOrderPaid,
  analyticsPricingRecompute,
  analyticsPricingSweep,
  analyticsRecord,
  analyticsRefundCompleted,
  createQueueClient,
  PRICING_SWEEP_EVERY_MS,
  pricingRecomputeJobId,
  ZCorrelationId,
  ZCounterName,
  ZRecordCounterPayload,
} from "@marquee/api/jobs";
import { recordSalesMessage, type TSalesMessage } from "@marquee/api/services/dashboard/apply-sales";
import { createDashboardNotifier } from "@marquee/api/services/dashboard/dashboard-channel";
import { demandPricedTypesOfOrder, recomputePrice, sweepDemandPrices } from "@marquee/api/services/pricing/recompute-price";
import { createDb } from "@marquee/db";
import { type Job } from "bullmq";
import { type AnalyticsServiceServer, AnalyticsServiceService } from "@marquee/proto/v1/analytics";
import { z } from "zod";
import { jobCorrelationId, jobKey, JobRegistry } from "../jobs/registry.ts";
import { idempotencyKeyOf } from "../runtime/grpc-client/index.ts";
import { GrpcError, unary } from "../runtime/grpc-server.ts";
import { createCounterStore } from "./analytics-counters.ts";
import { startPricingSweeper, type TPricingSweeper } from "./pricing-sweeper.ts";
import { queueStats, type TRoleContext, type TRoleModule } from "./types.ts";

const INBOX_DRAIN_EVERY_MS = 100;
const INBOX_BATCH = 500;

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
 * The analytics worker: counters in Redis, and the live dashboard's sales minutes in PostgreSQL
 * (outbox `order.paid` and `refund.completed`, each message applied once through ProcessedMessage),
 * after which the organisation's console channel hears "dashboard changed" (at most once a second).
 *
 * Demand pricing (services/pricing): `pricing.recompute` per type, enqueued after each paid order
 * for its demand-priced types (one job per type per PRICING_BURST_BUCKET_MS, by jobId, so a burst
 * of sales is a handful of recomputes), and a sweep of every demand-priced type on sale every
 * PRICING_SWEEP_EVERY_MS.
 *
 * Counters: every worker leaves a report in the inbox after each
 * job (one LPUSH, so a slow or dead analytics worker never slows or fails their jobs); this worker
 * applies them every 100 ms, once per job key. Callers that want an answer call Record over gRPC;
 * producers can also enqueue an `analytics record` job.
 */
export function createAnalyticsRole(context: TRoleContext): TRoleModule {
  const counters = createCounterStore(context.redis, context.prefix);
  // Opened on the first sales message, so a worker that only counts never connects.
  let db: ReturnType<typeof createDb> | null = null;
  const dashboard = createDashboardNotifier(context.realtime ?? null, {
    onError: (error) => context.logger.warn({ err: error }, "dashboard change not published"),
  });
  const database = () => (db ??= createDb(context.databaseUrl, { max: 5 }));
  const queues = createQueueClient(context.redis, context.prefix);
  let pricingSweeper: TPricingSweeper | undefined;
  // After a sale: recompute the order's demand-priced types soon, once per type and time bucket.
  const afterSale = async (orderId: string) => {
    const now = systemClock.now();
    for (const ticketTypeId of await demandPricedTypesOfOrder(database(), orderId)) {
      await queues.add(analyticsPricingRecompute, { ticketTypeId }, { jobId: pricingRecomputeJobId(ticketTypeId, now) });
    }
  };
  const recordSales = async (message: TSalesMessage, job: Job) => {
    db = database();
    // The outbox message id (outbox-<id>) is the dedupe key: a redelivered message changes nothing.
    const change = await recordSalesMessage(db, jobCorrelationId(job), message);
    if (change) dashboard.changed(change.organizationId, change.eventId);
    context.logger.debug({ topic: message.topic, applied: change !== null }, "sales recorded");
  };

  const jobs = new JobRegistry(analyticsRecord.queue)
    .register(analyticsRecord, async (payload, job) => {
      const result = await counters.record({ ...payload, correlationId: jobKey(job) });
      context.logger.info({ name: payload.name, ...result }, "counter recorded");
    })
    .register(analyticsOrderPaid, async ({ orderId }, job) => {
      await recordSales({ topic: "order.paid", orderId }, job);
      await afterSale(orderId);
    })
    .register(analyticsRefundCompleted, ({ refundId }, job) => recordSales({ topic: "refund.completed", refundId }, job))
    .register(analyticsPricingRecompute, async ({ ticketTypeId }) => {
      const result = await recomputePrice({ db: database(), clock: systemClock }, ticketTypeId);
      if (result.changed) context.logger.info({ ticketTypeId, ...result.changed }, "demand price changed");
      return { changed: result.changed !== null };
    })
    // A sweep on demand (operators, tests); the periodic one runs in-process (pricing-sweeper.ts).
    .register(analyticsPricingSweep, () => sweepDemandPrices({ db: database(), clock: systemClock }));

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

  let drainer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | null = null;
  const drainInbox = async () => {
    // Until the inbox is empty, 500 reports per script call.
    for (;;) {
      const { taken } = await counters.drain(INBOX_BATCH);
      if (taken < INBOX_BATCH) return;
    }
  };
  return {
    jobs,
    service: { name: "marquee.v1.AnalyticsService", definition: AnalyticsServiceService, implementation },
    start: async () => {
      pricingSweeper = startPricingSweeper(
        { db: database, redis: context.redis, prefix: context.prefix, clock: systemClock },
        context.logger,
        PRICING_SWEEP_EVERY_MS,
      );
      drainer = setInterval(() => {
        // A drain still running empties the inbox itself: skip the tick rather than queue another.
        draining ??= drainInbox()
          .catch((error: unknown) => context.logger.error({ err: error }, "analytics inbox drain failed"))
          .finally(() => (draining = null));
      }, INBOX_DRAIN_EVERY_MS);
      drainer.unref();
    },
    close: async () => {
      clearInterval(drainer);
      await pricingSweeper?.stop();
      await queues.close();
      await draining;
      // What arrived since the last tick, so a clean stop leaves nothing behind.
      await drainInbox().catch(() => undefined);
      await dashboard.flush();
      await db?.$disconnect();
    },
  };
}
