import { z } from "zod";

// The payment queue's job names and payloads, shared by the producers in @marquee/api (the Stripe
// webhook endpoint) and the payment worker (apps/workers), which registers their handlers.
export const PAYMENT_QUEUE = "marquee.payment";

export const ZStripeEventPayload = z.object({
  eventId: z.string().regex(/^evt_[A-Za-z0-9_]+$/),
  type: z.string().min(1).max(200),
  /** The object the event is about (pi_..., re_..., ch_...), fetched again when the job runs. */
  objectId: z.string().min(1).max(255).nullable(),
});
export type TStripeEventPayload = z.infer<typeof ZStripeEventPayload>;

export const paymentJobs = {
  /** One per Stripe event id (jobId below): the work behind POST /api/webhooks/stripe. */
  stripeEvent: { queue: PAYMENT_QUEUE, name: "stripe.event", schema: ZStripeEventPayload },
} as const;

/** BullMQ custom job ids may not contain ':'. */
export const stripeEventJobId = (eventId: string) => `stripe-event-${eventId}`;
