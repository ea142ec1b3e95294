import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { DEFAULT_JOB_OPTIONS } from "../../queues.ts";
import { BOOKING_QUEUE } from "../booking/jobs.ts";

// The outbox topic registry: every event the services write to the outbox, its payload schema and
// where the relay publishes it. Consumers fetch the current state by id when order matters, so
// payloads carry ids and the few facts a consumer needs to route, not whole objects.

/** The worker queues the relay publishes to (the same strings as apps/workers QUEUE_NAMES). */
export const OUTBOX_QUEUES = {
  booking: BOOKING_QUEUE,
  payment: "marquee.payment",
  invoice: "marquee.invoice",
  notification: "marquee.notification",
} as const;

export type TOutboxQueue = (typeof OUTBOX_QUEUES)[keyof typeof OUTBOX_QUEUES];

/**
 * Options of every outbox job (a route may override them): the queues' DEFAULT_JOB_OPTIONS.
 * Completed jobs are kept a day (at most 1,000 per queue): BullMQ dedupes a re-published jobId
 * only while the job exists, so consumers still dedupe with processOnce.
 */
export const OUTBOX_JOB_OPTIONS = DEFAULT_JOB_OPTIONS satisfies JobsOptions;

export interface TOutboxQueueRoute {
  queue: TOutboxQueue;
  /** The job name the queue's worker registers (by convention the topic). */
  job: string;
  options?: JobsOptions;
}

export interface TOutboxTopicDefinition<TSchema extends z.ZodObject = z.ZodObject> {
  schema: TSchema;
  /** One BullMQ job per route, jobId `outbox-<id>` (the same in every queue). */
  queues?: readonly TOutboxQueueRoute[];
  /** A Soketi event; its data is the payload plus `messageId` so clients can drop repeats. */
  realtime?: {
    event: string;
    channel(payload: z.output<TSchema>): string;
  };
}

const defineTopic = <TSchema extends z.ZodObject>(definition: TOutboxTopicDefinition<TSchema>) => definition;

const queue = (name: TOutboxQueue, job: string, options?: JobsOptions): TOutboxQueueRoute => ({ queue: name, job, ...(options ? { options } : {}) });

/**
 * The saga's jobs depend on other workers and on Stripe: 10 attempts, 1 s to 256 s apart (about
 * 8.5 minutes in all), so an outage of a worker or of Stripe is ridden out before the job gives up
 * (the reconciler is the backstop after that).
 */
export const SAGA_JOB_OPTIONS = { ...OUTBOX_JOB_OPTIONS, attempts: 10 } satisfies JobsOptions;

export const ZOrderCreatedEvent = z.object({ orderId: z.uuid(), eventId: z.uuid(), holdId: z.uuid().nullable() });
export const ZPaymentAuthorizedEvent = z.object({ orderId: z.uuid(), paymentIntentId: z.string().min(1).max(255) });
export const ZOrderPaidEvent = z.object({ orderId: z.uuid() });
export const ZOrderCancelledEvent = z.object({ orderId: z.uuid(), reason: z.enum(["PAYMENT_FAILED", "HOLD_EXPIRED", "BUYER", "ORGANISER", "SUPPORT"]) });
export const ZRefundCompletedEvent = z.object({ orderId: z.uuid(), refundId: z.string().min(1).max(255), amountMinor: z.number().int().positive() });
export const ZQueueAdmittedEvent = z.object({ queueTicketId: z.uuid(), eventId: z.uuid() });
export const ZRefundRequestedEvent = z.object({ refundId: z.uuid(), orderId: z.uuid() });
export const ZOrderStatusEvent = z.object({ orderId: z.uuid(), status: z.string().min(1).max(40) });

export const OUTBOX_TOPICS = {
  /** Checkout committed an order: the payment worker authorises the card. */
  "order.created": defineTopic({ schema: ZOrderCreatedEvent, queues: [queue(OUTBOX_QUEUES.payment, "order.created")] }),
  /** The card is authorised (written by applyStripeEvent): the payment worker runs the order saga (fulfilOrder). */
  "payment.authorized": defineTopic({ schema: ZPaymentAuthorizedEvent, queues: [queue(OUTBOX_QUEUES.payment, "payment.authorized", SAGA_JOB_OPTIONS)] }),
  /** A waiting buyer who left an e-mail address was admitted: the notification worker tells them. */
  "queue.admitted": defineTopic({ schema: ZQueueAdmittedEvent, queues: [queue(OUTBOX_QUEUES.notification, "queue.admitted")] }),
  /** An organiser or agent asked for a refund (a PENDING Refund): the payment worker completes it (completeRefund). */
  "refund.requested": defineTopic({ schema: ZRefundRequestedEvent, queues: [queue(OUTBOX_QUEUES.payment, "refund.requested", SAGA_JOB_OPTIONS)] }),
  /** Captured and tickets issued: invoice and e-mail the tickets. */
  "order.paid": defineTopic({
    schema: ZOrderPaidEvent,
    queues: [queue(OUTBOX_QUEUES.invoice, "order.paid"), queue(OUTBOX_QUEUES.notification, "order.paid")],
  }),
  /** Cancelled before or after payment: void the authorisation, give the stock back, tell the buyer. */
  "order.cancelled": defineTopic({
    schema: ZOrderCancelledEvent,
    queues: [queue(OUTBOX_QUEUES.payment, "order.cancelled"), queue(OUTBOX_QUEUES.booking, "order.cancelled"), queue(OUTBOX_QUEUES.notification, "order.cancelled")],
  }),
  /** Money went back: credit note and e-mail. */
  "refund.completed": defineTopic({
    schema: ZRefundCompletedEvent,
    queues: [queue(OUTBOX_QUEUES.invoice, "refund.completed"), queue(OUTBOX_QUEUES.notification, "refund.completed")],
  }),
  /** Live order status for the buyer's checkout page (Soketi only). */
  "order.status": defineTopic({
    schema: ZOrderStatusEvent,
    realtime: { event: "order.status", channel: (payload) => `private-order-${payload.orderId}` },
  }),
} as const;

export type TOutboxTopic = keyof typeof OUTBOX_TOPICS;
export type TOutboxPayload<TTopic extends TOutboxTopic> = z.input<(typeof OUTBOX_TOPICS)[TTopic]["schema"]>;

/** The registry entry of a topic read back from a row (which older code may have written). */
export function outboxTopic(topic: string): TOutboxTopicDefinition | undefined {
  return Object.hasOwn(OUTBOX_TOPICS, topic) ? (OUTBOX_TOPICS[topic as TOutboxTopic] as TOutboxTopicDefinition) : undefined;
}

/** The message id of an outbox row: its BullMQ jobId in every queue and the consumers' dedupe key. */
export const outboxMessageId = (id: bigint | number | string) => `outbox-${String(id)}`;
