import { type BOOKING_QUEUE, bookingJobs } from "@marquee/api/services/booking/jobs";
import { ZPaymentAuthorizedEvent, ZQueueAdmittedEvent, ZRefundRequestedEvent } from "@marquee/api/services/outbox/topics";
import { type PAYMENT_QUEUE, paymentJobs } from "@marquee/api/services/payments/jobs";
import { type JobsOptions } from "bullmq";
import { z } from "zod";
import { QUEUE_NAMES, type TQueueName } from "./queues";

/** A job type: the queue it runs on, its name, its payload schema and its BullMQ options. */
export interface TJobDefinition<TSchema extends z.ZodType = z.ZodType> {
  queue: TQueueName;
  name: string;
  schema: TSchema;
  /** Overrides the queue's DEFAULT_JOB_OPTIONS for this job type. */
  options?: JobsOptions;
}

export const defineJob = <TSchema extends z.ZodType>(definition: TJobDefinition<TSchema>) => definition;

/** Job data key reserved for the correlation id; it is not part of any payload. */
export const CORRELATION_ID_KEY = "correlationId";

export const ZCorrelationId = z.string().min(1).max(200);

/** Analytics counter names: "jobs.booking.ping", "orders.paid". */
export const ZCounterName = z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/, "must be 1-200 letters, digits, '.', ':', '_' or '-'");

export const ZPingPayload = z.object({ message: z.string().min(1).max(500) });
export type TPingPayload = z.infer<typeof ZPingPayload>;

// A ping per role: the smallest real job, exercising queue -> worker -> analytics end to end.
export const bookingPing = defineJob({ queue: QUEUE_NAMES.booking, name: "ping", schema: ZPingPayload });
export const paymentPing = defineJob({ queue: QUEUE_NAMES.payment, name: "ping", schema: ZPingPayload });
export const invoicePing = defineJob({ queue: QUEUE_NAMES.invoice, name: "ping", schema: ZPingPayload });
export const notificationPing = defineJob({ queue: QUEUE_NAMES.notification, name: "ping", schema: ZPingPayload });
/** A waiting buyer who left an e-mail address was admitted (outbox `queue.admitted`): tell them, once. */
export const notificationQueueAdmitted = defineJob({ queue: QUEUE_NAMES.notification, name: "queue.admitted", schema: ZQueueAdmittedEvent });

export const ZRecordCounterPayload = z.object({
  name: ZCounterName,
  count: z.number().int().positive().max(1_000_000_000),
});
export type TRecordCounterPayload = z.infer<typeof ZRecordCounterPayload>;

/** Adds to an analytics counter asynchronously (once per job, however often it is retried). */
export const analyticsRecord = defineJob({ queue: QUEUE_NAMES.analytics, name: "record", schema: ZRecordCounterPayload });

// Booking jobs: names and payloads come from @marquee/api (its services enqueue them), so producer
// and worker cannot drift apart. The queue name must be the same string on both sides.
const sameBookingQueue: typeof BOOKING_QUEUE = QUEUE_NAMES.booking;

/** Ends one hold at its expiresAt and returns its stock (idempotent; the sweeper backs it up). */
export const bookingHoldExpire = defineJob({ queue: sameBookingQueue, name: bookingJobs.expireHold.name, schema: bookingJobs.expireHold.schema });
/** Repeatable: expires every ACTIVE hold past expiresAt. One attempt: the next run comes in seconds. */
export const bookingHoldSweep = defineJob({ queue: sameBookingQueue, name: bookingJobs.sweepHolds.name, schema: bookingJobs.sweepHolds.schema, options: { attempts: 1 } });

const samePaymentQueue: typeof PAYMENT_QUEUE = QUEUE_NAMES.payment;

/** One Stripe event (from POST /api/webhooks/stripe): applied once, against the object as Stripe has it now. */
export const paymentStripeEvent = defineJob({ queue: samePaymentQueue, name: paymentJobs.stripeEvent.name, schema: paymentJobs.stripeEvent.schema });

/** The card is authorised (outbox `payment.authorized`): run the order saga. */
export const paymentAuthorized = defineJob({ queue: samePaymentQueue, name: "payment.authorized", schema: ZPaymentAuthorizedEvent });

/** An organiser asked for a refund (outbox `refund.requested`): Stripe refund, tickets revoked, credit note, e-mail. */
export const paymentRefundRequested = defineJob({ queue: samePaymentQueue, name: "refund.requested", schema: ZRefundRequestedEvent });
