import { z } from "zod";
import { ZScanRecordedEvent } from "../services/checkin/scans/checkin-events.ts";
import { defineJob, QUEUE_NAMES } from "./contract.ts";

// Webhook jobs (notification worker). The fan-out jobs are routes of outbox topics, one per topic
// (a topic's job takes the topic's payload); each creates one delivery per subscribed endpoint,
// keyed by the job id `outbox-<id>`, so a duplicate outbox event delivers once.

export const ZWebhookOrderEvent = z.object({ orderId: z.uuid() });
export const ZWebhookRefundEvent = z.object({ refundId: z.uuid(), orderId: z.uuid() });
export const ZEventSoldOutEvent = z.object({ eventId: z.uuid() });
export const ZWebhookDeliverPayload = z.object({ deliveryId: z.uuid() });

/** Outbox `order.paid` -> `order.paid` webhooks. */
export const webhookOrderPaid = defineJob({ queue: QUEUE_NAMES.notification, name: "webhook.order-paid", schema: ZWebhookOrderEvent });
/** Outbox `refund.completed` -> `order.refunded` webhooks. */
export const webhookRefundCompleted = defineJob({ queue: QUEUE_NAMES.notification, name: "webhook.refund-completed", schema: ZWebhookRefundEvent });
/** Outbox `order.cancelled` -> `order.cancelled` webhooks. */
export const webhookOrderCancelled = defineJob({ queue: QUEUE_NAMES.notification, name: "webhook.order-cancelled", schema: ZWebhookOrderEvent });
/** Outbox `checkin.scan-recorded` -> `ticket.checked_in` webhooks (admitted entries only). */
export const webhookScanRecorded = defineJob({ queue: QUEUE_NAMES.notification, name: "webhook.scan-recorded", schema: ZScanRecordedEvent });
/** Outbox `event.sold-out` -> `event.sold_out` webhooks. */
export const webhookEventSoldOut = defineJob({ queue: QUEUE_NAMES.notification, name: "webhook.event-sold-out", schema: ZEventSoldOutEvent });
/**
 * One attempt of one delivery (jobId per attempt; delayed to its nextAttemptAt). The delivery row is
 * the truth: a job that finds it not due does nothing, and the worker's sweep re-adds lost ones.
 */
export const webhookDeliver = defineJob({ queue: QUEUE_NAMES.notification, name: "webhook.deliver", schema: ZWebhookDeliverPayload });

export const WEBHOOK_JOBS = [
  webhookOrderPaid,
  webhookRefundCompleted,
  webhookOrderCancelled,
  webhookScanRecorded,
  webhookEventSoldOut,
  webhookDeliver,
] as const;

/** How often the notification worker re-adds overdue deliveries. */
export const WEBHOOK_SWEEP_EVERY_MS = 15_000;
