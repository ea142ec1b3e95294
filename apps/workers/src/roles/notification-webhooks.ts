import { systemClock } from "@marquee/api/clock";
import {
  createQueueClient,
  WEBHOOK_SWEEP_EVERY_MS,
  webhookDeliver,
  webhookEventSoldOut,
  webhookOrderCancelled,
  webhookOrderPaid,
  webhookRefundCompleted,
  webhookScanRecorded,
} from "@marquee/api/jobs";
import { checkedInWebhook, orderWebhook, refundWebhook, soldOutWebhook } from "@marquee/api/services/webhooks/build-payload";
import { attemptDelivery } from "@marquee/api/services/webhooks/deliver";
import { sweepWebhookDeliveries } from "@marquee/api/services/webhooks/deliveries";
import { readWebhookEnv } from "@marquee/api/services/webhooks/env";
import { fanOutWebhook } from "@marquee/api/services/webhooks/fan-out";
import type { Db } from "@marquee/db";
import type { JobRegistry } from "../jobs/registry.ts";
import type { TRoleContext } from "./types.ts";

/**
 * The notification worker's webhook jobs: the fan-out per outbox topic (one delivery per
 * subscribed endpoint, keyed by the outbox message id), one attempt per `webhook.deliver` job, and
 * a sweep every 15 s that re-adds overdue deliveries whose job was lost.
 */
export function registerWebhookJobs(jobs: JobRegistry, context: TRoleContext, db: Db) {
  const queues = createQueueClient(context.redis, context.prefix);
  const policy = { allowPrivateNetworks: readWebhookEnv().WEBHOOK_ALLOW_PRIVATE_NETWORKS };
  const fanOut = { db, clock: systemClock, queues };
  // The outbox relay's jobId (`outbox-<id>`) is the source key: the same event fanned out twice delivers once.
  const sourceKey = (job: { id?: string | undefined }) => {
    if (!job.id) throw new Error("a webhook fan-out job needs its outbox jobId");
    return job.id;
  };
  jobs
    .register(webhookOrderPaid, async ({ orderId }, job) => fanOutWebhook(fanOut, await orderWebhook(db, "order.paid", orderId), sourceKey(job)))
    .register(webhookOrderCancelled, async ({ orderId }, job) => fanOutWebhook(fanOut, await orderWebhook(db, "order.cancelled", orderId), sourceKey(job)))
    .register(webhookRefundCompleted, async ({ refundId, orderId }, job) => fanOutWebhook(fanOut, await refundWebhook(db, refundId, orderId), sourceKey(job)))
    .register(webhookScanRecorded, async (scan, job) => fanOutWebhook(fanOut, await checkedInWebhook(db, scan), sourceKey(job)))
    .register(webhookEventSoldOut, async ({ eventId }, job) => fanOutWebhook(fanOut, await soldOutWebhook(db, eventId), sourceKey(job)))
    .register(webhookDeliver, async ({ deliveryId }) => {
      const outcome = await attemptDelivery({ db, clock: systemClock, queues, policy }, deliveryId);
      if (outcome !== "NOT_DUE") context.logger.info({ deliveryId, outcome }, "webhook attempt");
      return { outcome };
    });
  let sweep: NodeJS.Timeout | undefined;
  return {
    start: () => {
      sweep = setInterval(() => {
        sweepWebhookDeliveries({ db, clock: systemClock, queues })
          .then((count) => {
            if (count > 0) context.logger.warn({ count }, "overdue webhook deliveries re-enqueued");
          })
          .catch((error: unknown) => context.logger.error({ err: error }, "webhook sweep failed"));
      }, WEBHOOK_SWEEP_EVERY_MS);
      sweep.unref();
    },
    close: async () => {
      clearInterval(sweep);
      await queues.close();
    },
  };
}
