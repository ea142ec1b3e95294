import { z } from "zod";
import {
  bookingWaitingListOrderPaid,
  bookingWaitingListRefundCompleted,
  notificationWaitingListOffered,
  notificationEventCancelled,
  notificationOrderConfirmationResend,
  analyticsOrderPaid,
  analyticsRefundCompleted,
  paymentOrderPaid,
  notificationQueueAdmitted,
  notificationOrganizerSignedUp,
  notificationRefundRequestCreated,
  notificationSupportConversationStarted,
  notificationSupportMessageAdded,
  notificationTeamInvitationSent,
  notificationTicketTransferred,
  paymentAuthorized,
  paymentEventCancelled,
  paymentRefundRequested,
} from "../../jobs/definitions.ts";
import type { TJobDefinition } from "../../jobs/contract.ts";
import { webhookEventSoldOut, webhookOrderCancelled, webhookOrderPaid, webhookRefundCompleted, webhookScanRecorded } from "../../jobs/webhook-jobs.ts";
import { availabilityChannel } from "../availability/announce-availability.ts";
import { CHECKIN_CHANNEL_EVENTS } from "../checkin/checkin-channel.ts";
import { ZScanRecordedEvent, ZTicketChangedEvent, checkinEventChannel } from "../checkin/scans/checkin-events.ts";
import { PRICE_EVENT } from "../pricing/price-event.ts";
import { ZPriceChangedEvent } from "../pricing/pricing-schemas.ts";
import { ZSupportConversationEvent, ZSupportMessageEvent } from "../support/support-event-schemas.ts";
import { SUPPORT_CHANGE_EVENT, SUPPORT_MESSAGE_EVENT, changeChannels, changeData, messageChannels, messageData } from "../support-live/support-channels.ts";

// The outbox topic registry: every event the services write to the outbox, its payload schema and
// where the relay publishes it. Consumers fetch the current state by id when order matters, so
// payloads carry ids and the few facts a consumer needs to route, not whole objects.

export interface TOutboxTopicDefinition<TSchema extends z.ZodObject = z.ZodObject> {
  schema: TSchema;
  /**
   * One BullMQ job per entry, jobId `outbox-<id>` (the same in every queue), with the job's own
   * options. Each is a job of the jobs contract (`@marquee/api/jobs`) with a handler in some worker.
   */
  jobs?: readonly TJobDefinition<TSchema>[];
  /** A Soketi event; its data is the payload plus `messageId` so clients can drop repeats. */
  realtime?: {
    event: string;
    /** One channel, or several (none: nothing to publish for this payload). */
    channel(payload: z.output<TSchema>): string | readonly string[];
    /** What one channel's subscribers receive instead of the whole payload (`messageId` is added either way). */
    data?(payload: z.output<TSchema>, channel: string): Record<string, unknown>;
  };
}

const defineTopic = <TSchema extends z.ZodObject>(definition: TOutboxTopicDefinition<TSchema>) => definition;

/** A topic whose only route is one job: the topic's payload is the job's. */
const jobTopic = <TSchema extends z.ZodObject>(job: TJobDefinition<TSchema>) => defineTopic({ schema: job.schema, jobs: [job] });

export const ZOrderStatusEvent = z.object({ orderId: z.uuid(), status: z.string().min(1).max(40) });

export const OUTBOX_TOPICS = {
  /** The card is authorised (written by applyStripeEvent): the payment worker runs the order saga (fulfilOrder). */
  "payment.authorized": jobTopic(paymentAuthorized),
  /** A waiting buyer who left an e-mail address was admitted: the notification worker tells them. */
  "queue.admitted": jobTopic(notificationQueueAdmitted),
  /** An organiser or agent asked for a refund (a PENDING Refund): the payment worker completes it (completeRefund). */
  "refund.requested": jobTopic(paymentRefundRequested),
  /** A buyer opened a support conversation: the notification worker acknowledges it by e-mail. */
  "support.conversation-started": jobTopic(notificationSupportConversationStarted),
  /** A buyer transferred a ticket (old one TRANSFERRED, a new one issued): the notification worker tells both. */
  "ticket.transferred": jobTopic(notificationTicketTransferred),
  /** A buyer asked for a refund: the notification worker tells the organisation's owners and admins. */
  "refund-request.created": jobTopic(notificationRefundRequestCreated),
  /** An organiser cancelled an event: the payment worker refunds every paid order (refundCancelledEvent). */
  "event.cancelled": jobTopic(paymentEventCancelled),
  /** One paid order of a cancelled event got its refund requested: the notification worker tells the buyer. */
  "event.cancelled-notice": jobTopic(notificationEventCancelled),
  /** An organiser asked to resend an order's confirmation: the notification worker mails it again (once per resend). */
  "order.confirmation-resend": jobTopic(notificationOrderConfirmationResend),
  /** An organiser signed up: the notification worker mails the confirmation link (or, for a taken address, "sign in or reset"). */
  "organizer.signed-up": jobTopic(notificationOrganizerSignedUp),
  /** A team invitation was created or resent: the notification worker mints its token and mails the link. */
  "team.invitation-sent": jobTopic(notificationTeamInvitationSent),
  /**
   * An order became PAID (written by fulfilOrder, or by sellAtBoxOffice with the sale): the analytics
   * worker adds it to the live dashboard; the payment worker issues the order's invoice and
   * confirmation e-mail (and, for a box-office sale, its tickets first).
   */
  "order.paid": defineTopic({ schema: analyticsOrderPaid.schema, jobs: [analyticsOrderPaid, paymentOrderPaid, webhookOrderPaid, bookingWaitingListOrderPaid] }),
  /** A refund SUCCEEDED (written by completeRefund): the analytics worker takes it off the live dashboard's sales; webhooks; the waiting list offers the stock. */
  "refund.completed": defineTopic({
    schema: analyticsRefundCompleted.schema,
    jobs: [analyticsRefundCompleted, webhookRefundCompleted, bookingWaitingListRefundCompleted],
  }),
  /** An order became CANCELLED (a pending order cancelled, or the saga's compensation): `order.cancelled` webhooks. */
  "order.cancelled": jobTopic(webhookOrderCancelled),
  /** A sale took the event's last ticket (written in the sale's transaction): `event.sold_out` webhooks. */
  "event.sold-out": jobTopic(webhookEventSoldOut),
  /** A waiting-list entry got an offer of returned stock: the notification worker mails the link (services/waiting-list). */
  "waiting-list.offered": jobTopic(notificationWaitingListOffered),
  /** A message was added to a support conversation (buyer, agent or system): live inbox and buyer page; an agent's answer is e-mailed. */
  "support.message-added": defineTopic({
    schema: ZSupportMessageEvent,
    jobs: [notificationSupportMessageAdded],
    realtime: { event: SUPPORT_MESSAGE_EVENT, channel: messageChannels, data: messageData },
  }),
  /** A support conversation was opened or its status, assignee, priority or labels changed: the live inbox. */
  "support.conversation-changed": defineTopic({
    schema: ZSupportConversationEvent,
    realtime: { event: SUPPORT_CHANGE_EVENT, channel: changeChannels, data: changeData },
  }),
  /** A door scan counted, annulled, or flipped to a double entry: the event's scanners and console; admitted entries become `ticket.checked_in` webhooks. */
  "checkin.scan-recorded": defineTopic({
    schema: ZScanRecordedEvent,
    jobs: [webhookScanRecorded],
    realtime: { event: CHECKIN_CHANNEL_EVENTS.scan, channel: checkinEventChannel },
  }),
  /** A ticket became REVOKED or TRANSFERRED (refund, cancellation, transfer, reissue): scanners refuse it at once (Soketi only). */
  "checkin.ticket-changed": defineTopic({
    schema: ZTicketChangedEvent,
    realtime: { event: CHECKIN_CHANNEL_EVENTS.ticket, channel: checkinEventChannel },
  }),
  /** A demand-priced type's price changed (a new PriceVersion): open event pages show it (Soketi only). */
  "pricing.price-changed": defineTopic({
    schema: ZPriceChangedEvent,
    realtime: { event: PRICE_EVENT, channel: (payload) => availabilityChannel(payload.eventId) },
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
