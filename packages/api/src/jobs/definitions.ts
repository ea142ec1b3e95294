import { z } from "zod";
import { ZSupportMessageEvent } from "../services/support/support-event-schemas.ts";
import { defineJob, QUEUE_NAMES, SAGA_JOB_OPTIONS, type TJobDefinition } from "./contract.ts";
import { WEBHOOK_JOBS } from "./webhook-jobs.ts";

export * from "./webhook-jobs.ts";

// Every job a producer can add, with its payload schema. Each one has a handler in some worker
// role (apps/workers/src/roles, checked by apps/workers/src/roles/handlers.test.ts).

export const ZPingPayload = z.object({ message: z.string().min(1).max(500) });
export type TPingPayload = z.infer<typeof ZPingPayload>;

/** Analytics counter names: "jobs.booking.ping", "orders.paid". */
export const ZCounterName = z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/, "must be 1-200 letters, digits, '.', ':', '_' or '-'");

export const ZRecordCounterPayload = z.object({
  name: ZCounterName,
  count: z.number().int().positive().max(1_000_000_000),
});
export type TRecordCounterPayload = z.infer<typeof ZRecordCounterPayload>;

export const ZExpireHoldPayload = z.object({ holdId: z.uuid() });
export type TExpireHoldPayload = z.infer<typeof ZExpireHoldPayload>;

export const ZSweepHoldsPayload = z.object({});

export const ZStripeEventPayload = z.object({
  eventId: z.string().regex(/^evt_[A-Za-z0-9_]+$/),
  type: z.string().min(1).max(200),
  /** The object the event is about (pi_..., re_..., ch_...), fetched again when the job runs. */
  objectId: z.string().min(1).max(255).nullable(),
});
export type TStripeEventPayload = z.infer<typeof ZStripeEventPayload>;

// Payloads of the jobs the outbox relay adds (the topic's payload is the job's).
export const ZPaymentAuthorizedEvent = z.object({ orderId: z.uuid(), paymentIntentId: z.string().min(1).max(255) });
export const ZRefundRequestedEvent = z.object({ refundId: z.uuid(), orderId: z.uuid() });
export const ZQueueAdmittedEvent = z.object({ queueTicketId: z.uuid(), eventId: z.uuid() });
export const ZWalletPassChangedPayload = z.object({ ticketId: z.uuid() });
export const ZTicketTransferredEvent = z.object({ ticketId: z.uuid(), newTicketId: z.uuid() });
export const ZRefundRequestCreatedEvent = z.object({ refundRequestId: z.uuid() });
export const ZEventCancelledEvent = z.object({ eventId: z.uuid() });
export const ZEventCancelledNoticeEvent = z.object({ orderId: z.uuid() });
export const ZOrderConfirmationResendEvent = z.object({ orderId: z.uuid(), resendId: z.uuid() });
export const ZOrderPaidEvent = z.object({ orderId: z.uuid() });
export const ZRefundCompletedEvent = z.object({ refundId: z.uuid(), orderId: z.uuid() });

// A ping per role: the smallest real job, exercising queue -> worker -> analytics end to end.
export const bookingPing = defineJob({ queue: QUEUE_NAMES.booking, name: "ping", schema: ZPingPayload });
export const paymentPing = defineJob({ queue: QUEUE_NAMES.payment, name: "ping", schema: ZPingPayload });
export const invoicePing = defineJob({ queue: QUEUE_NAMES.invoice, name: "ping", schema: ZPingPayload });
export const notificationPing = defineJob({ queue: QUEUE_NAMES.notification, name: "ping", schema: ZPingPayload });

/** Adds to an analytics counter asynchronously (once per job, however often it is retried). */
export const analyticsRecord = defineJob({ queue: QUEUE_NAMES.analytics, name: "record", schema: ZRecordCounterPayload });

/** An order became PAID (outbox `order.paid`): the analytics worker adds it to the dashboard's sales minutes, once. */
export const analyticsOrderPaid = defineJob({ queue: QUEUE_NAMES.analytics, name: "order.paid", schema: ZOrderPaidEvent });
/** A refund SUCCEEDED (outbox `refund.completed`): the analytics worker adds it to the dashboard's sales minutes, once. */
export const analyticsRefundCompleted = defineJob({ queue: QUEUE_NAMES.analytics, name: "refund.completed", schema: ZRefundCompletedEvent });

/** Runs the demand-pricing rule for one ticket type (services/pricing); after a sale, deduped per type and PRICING_BURST_BUCKET_MS. */
export const ZPricingRecomputePayload = z.object({ ticketTypeId: z.uuid() });
export const analyticsPricingRecompute = defineJob({ queue: QUEUE_NAMES.analytics, name: "pricing.recompute", schema: ZPricingRecomputePayload });
/** Recomputes every demand-priced type on sale (on demand; the analytics worker also sweeps every PRICING_SWEEP_EVERY_MS). */
export const analyticsPricingSweep = defineJob({ queue: QUEUE_NAMES.analytics, name: "pricing.sweep", schema: z.object({}), options: { attempts: 1 } });

/** Ends one hold at its expiresAt and returns its stock (idempotent; the sweeper backs it up). Delayed; jobId expireHoldJobId. */
export const bookingHoldExpire = defineJob({ queue: QUEUE_NAMES.booking, name: "hold.expire", schema: ZExpireHoldPayload });
/** Expires every ACTIVE hold past expiresAt that its delayed job missed (on demand; the booking worker also sweeps every HOLD_SWEEP_EVERY_MS). One attempt: the next sweep comes in seconds. */
export const bookingHoldSweep = defineJob({ queue: QUEUE_NAMES.booking, name: "hold.sweep", schema: ZSweepHoldsPayload, options: { attempts: 1 } });

/** One Stripe event (from POST /api/webhooks/stripe, jobId stripeEventJobId): applied once, against the object as Stripe has it now. */
export const paymentStripeEvent = defineJob({ queue: QUEUE_NAMES.payment, name: "stripe.event", schema: ZStripeEventPayload });
/** The card is authorised (outbox `payment.authorized`): run the order saga (fulfilOrder). */
export const paymentAuthorized = defineJob({
  queue: QUEUE_NAMES.payment,
  name: "payment.authorized",
  schema: ZPaymentAuthorizedEvent,
  options: SAGA_JOB_OPTIONS,
});
/**
 * An order became PAID (outbox `order.paid`): the payment worker issues its documents, the
 * invoice and the confirmation e-mail, each once (the saga's `payment.authorized` job stops at
 * PAID so tickets and capture never wait behind PDFs); a box-office sale (paid at the door, no
 * `payment.authorized`) gets its tickets first.
 */
export const paymentOrderPaid = defineJob({ queue: QUEUE_NAMES.payment, name: "order.paid", schema: ZOrderPaidEvent, options: SAGA_JOB_OPTIONS });
/** An organiser asked for a refund (outbox `refund.requested`): Stripe refund, tickets revoked, credit note, e-mail (completeRefund). */
export const paymentRefundRequested = defineJob({
  queue: QUEUE_NAMES.payment,
  name: "refund.requested",
  schema: ZRefundRequestedEvent,
  options: SAGA_JOB_OPTIONS,
});
/** An organiser cancelled an event (outbox `event.cancelled`): refund every paid order through the refund saga (refundCancelledEvent; reruns refund nothing twice). */
export const paymentEventCancelled = defineJob({
  queue: QUEUE_NAMES.payment,
  name: "event.cancelled",
  schema: ZEventCancelledEvent,
  options: SAGA_JOB_OPTIONS,
});

/** A waiting buyer who left an e-mail address was admitted (outbox `queue.admitted`): tell them, once. */
export const notificationQueueAdmitted = defineJob({ queue: QUEUE_NAMES.notification, name: "queue.admitted", schema: ZQueueAdmittedEvent });

/** A ticket changed (revoked, transferred, renamed): push its wallet passes' update (APNs, Google), or log that none is configured. */
export const notificationWalletPassChanged = defineJob({ queue: QUEUE_NAMES.notification, name: "wallet.pass-changed", schema: ZWalletPassChangedPayload });
/** A buyer asked for their order link again ("Find my order"); sent only if the reference and the e-mail match an order. */
export const ZOrderLinkRequestedPayload = z.object({
  /** One per request: the e-mail's once-only key. */
  requestId: z.uuid(),
  email: z.email().max(320),
  reference: z.string().trim().min(1).max(40),
  locale: z.string().min(2).max(10),
});
export type TOrderLinkRequestedPayload = z.infer<typeof ZOrderLinkRequestedPayload>;
export const notificationOrderLinkRequested = defineJob({ queue: QUEUE_NAMES.notification, name: "order.link-requested", schema: ZOrderLinkRequestedPayload });

/** A buyer wrote to support (outbox `support.conversation-started`): acknowledge it by e-mail, once. */
export const ZSupportConversationStartedEvent = z.object({ conversationId: z.uuid() });
export const notificationSupportConversationStarted = defineJob({
  queue: QUEUE_NAMES.notification,
  name: "support.conversation-started",
  schema: ZSupportConversationStartedEvent,
});
/** A message was added to a support conversation (outbox `support.message-added`): an agent's answer is e-mailed to the buyer, once; others are done. */
export const ZSupportMessageAddedEvent = ZSupportMessageEvent;
export const notificationSupportMessageAdded = defineJob({ queue: QUEUE_NAMES.notification, name: "support.message-added", schema: ZSupportMessageAddedEvent });
/** "Forgot password" (account.requestPasswordReset): the worker looks the address up and, for an account, mails a reset link. */
export const ZPasswordResetPayload = z.object({ requestId: z.uuid(), email: z.email().max(320) });
export type TPasswordResetPayload = z.infer<typeof ZPasswordResetPayload>;
export const notificationPasswordReset = defineJob({ queue: QUEUE_NAMES.notification, name: "account.password-reset", schema: ZPasswordResetPayload });

/** A buyer transferred a ticket (outbox `ticket.transferred`): tell the buyer and the recipient (with their ticket link), once each. */
export const notificationTicketTransferred = defineJob({ queue: QUEUE_NAMES.notification, name: "ticket.transferred", schema: ZTicketTransferredEvent });
/** A buyer asked for a refund (outbox `refund-request.created`): tell the organisation's owners and admins, once. */
export const notificationRefundRequestCreated = defineJob({
  queue: QUEUE_NAMES.notification,
  name: "refund-request.created",
  schema: ZRefundRequestCreatedEvent,
});

/** A cancelled event's paid order (outbox `event.cancelled-notice`): tell its buyer, once. */
export const notificationEventCancelled = defineJob({ queue: QUEUE_NAMES.notification, name: "event.cancelled-notice", schema: ZEventCancelledNoticeEvent });
/** An organiser asked to resend an order's confirmation (outbox `order.confirmation-resend`): mail it again, once per resend. */
export const notificationOrderConfirmationResend = defineJob({
  queue: QUEUE_NAMES.notification,
  name: "order.confirmation-resend",
  schema: ZOrderConfirmationResendEvent,
});
/** An organiser signed up (outbox `organizer.signed-up`): a confirmation link for a new account, or "you already have one" for a taken address. */
export const ZOrganizerSignedUpEvent = z.object({
  /** One per sign-up: the e-mail's once-only key and the confirmation's id. */
  requestId: z.uuid(),
  email: z.email().max(320),
  /** The account this sign-up created; null when the address already had one. */
  userId: z.uuid().nullable(),
  locale: z.string().min(2).max(10),
});
export type TOrganizerSignedUpEvent = z.infer<typeof ZOrganizerSignedUpEvent>;
export const notificationOrganizerSignedUp = defineJob({ queue: QUEUE_NAMES.notification, name: "organizer.signed-up", schema: ZOrganizerSignedUpEvent });

/** A team invitation was created or resent (outbox `team.invitation-sent`): mint its token and mail the link, once per send. */
export const ZTeamInvitationSentEvent = z.object({ invitationId: z.uuid(), sendId: z.uuid() });
export type TTeamInvitationSentEvent = z.infer<typeof ZTeamInvitationSentEvent>;
export const notificationTeamInvitationSent = defineJob({ queue: QUEUE_NAMES.notification, name: "team.invitation-sent", schema: ZTeamInvitationSentEvent });

// The waiting list (services/waiting-list): offers of returned stock and their e-mails.
export const ZWaitingListEventPayload = z.object({ eventId: z.uuid() });
/** Stock may have come back on an event (a hold released, capacity raised): run its waiting list's offers. jobId waitingListOfferJobId, removed on completion so the next trigger adds a new one. */
export const bookingWaitingListOffer = defineJob({
  queue: QUEUE_NAMES.booking,
  name: "waiting-list.offer",
  schema: ZWaitingListEventPayload,
  options: { removeOnComplete: true },
});
/** A refund SUCCEEDED (outbox `refund.completed`): its tickets are back in stock; run the order's event's waiting-list offers. */
export const bookingWaitingListRefundCompleted = defineJob({
  queue: QUEUE_NAMES.booking,
  name: "waiting-list.refund-completed",
  schema: ZRefundCompletedEvent,
});
/** An order became PAID (outbox `order.paid`): a waiting-list offer whose hold it was is PURCHASED. */
export const bookingWaitingListOrderPaid = defineJob({ queue: QUEUE_NAMES.booking, name: "waiting-list.order-paid", schema: ZOrderPaidEvent });
/** A waiting-list entry got an offer (outbox `waiting-list.offered`): mint the link's token and mail it, once. */
export const ZWaitingListOfferedEvent = z.object({ entryId: z.uuid() });
export const notificationWaitingListOffered = defineJob({ queue: QUEUE_NAMES.notification, name: "waiting-list.offered", schema: ZWaitingListOfferedEvent });

/** Every job type, for checks that each has a handler. */
export const JOBS: readonly TJobDefinition[] = [
  bookingPing,
  paymentPing,
  invoicePing,
  notificationPing,
  analyticsRecord,
  analyticsOrderPaid,
  analyticsRefundCompleted,
  analyticsPricingRecompute,
  analyticsPricingSweep,
  bookingHoldExpire,
  bookingHoldSweep,
  paymentStripeEvent,
  paymentAuthorized,
  paymentOrderPaid,
  paymentRefundRequested,
  notificationQueueAdmitted,
  notificationWalletPassChanged,
  notificationOrderLinkRequested,
  notificationSupportConversationStarted,
  notificationSupportMessageAdded,
  notificationPasswordReset,
  notificationTicketTransferred,
  notificationRefundRequestCreated,
  paymentEventCancelled,
  notificationEventCancelled,
  notificationOrderConfirmationResend,
  notificationOrganizerSignedUp,
  notificationTeamInvitationSent,
  ...WEBHOOK_JOBS,
  bookingWaitingListOffer,
  bookingWaitingListRefundCompleted,
  bookingWaitingListOrderPaid,
  notificationWaitingListOffered,
];

/** How often the booking worker sweeps expired holds in-process. */
export const HOLD_SWEEP_EVERY_MS = 15_000;

/** How often the analytics worker recomputes demand prices in-process. */
export const PRICING_SWEEP_EVERY_MS = 60_000;
/** Sales of a type within one bucket share one recompute job (a burst is not a job per order). */
export const PRICING_BURST_BUCKET_MS = 5_000;

// BullMQ custom job ids may not contain ':'.
export const expireHoldJobId = (holdId: string) => `hold-expire-${holdId}`;
export const pricingRecomputeJobId = (ticketTypeId: string, now: Date) =>
  `pricing-recompute-${ticketTypeId}-${Math.floor(now.getTime() / PRICING_BURST_BUCKET_MS)}`;
export const stripeEventJobId = (eventId: string) => `stripe-event-${eventId}`;
export const waitingListOfferJobId = (eventId: string) => `waiting-list-offer-${eventId}`;
