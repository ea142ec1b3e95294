import { z } from "zod";

export const ORDER_STATUSES = ["PENDING", "PAID", "CANCELLED", "EXPIRED", "PARTIALLY_REFUNDED", "REFUNDED"] as const;
export const ORDER_CHANNELS = ["ONLINE", "BOX_OFFICE", "API"] as const;
/** The most orders one page of the console's list (or one REST call) returns. */
export const MAX_ORDER_PAGE = 100;

/** The console's order search: one box (name, e-mail, order reference or ticket short code), filters, a cursor. */
export const ZListOrdersInput = z.object({
  query: z.string().trim().max(200).optional(),
  eventId: z.uuid().optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  channel: z.enum(ORDER_CHANNELS).optional(),
  /** Orders created at or after this instant. */
  from: z.coerce.date().optional(),
  /** Orders created before this instant. */
  to: z.coerce.date().optional(),
  /** The last order of the previous page (its id). */
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_ORDER_PAGE).default(25),
});
export type TListOrdersInput = z.infer<typeof ZListOrdersInput>;

export const ZOrderListItem = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(ORDER_STATUSES),
  channel: z.enum(ORDER_CHANNELS),
  buyerName: z.string(),
  buyerEmail: z.string(),
  eventId: z.uuid(),
  eventName: z.string(),
  currency: z.string(),
  totalMinor: z.number().int(),
  refundedMinor: z.number().int(),
  ticketCount: z.number().int(),
  createdAt: z.date(),
});
export type TOrderListItem = z.infer<typeof ZOrderListItem>;

export const ZOrderListOutput = z.object({
  orders: z.array(ZOrderListItem),
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: z.uuid().nullable(),
});

/** What happened to an order besides its lines: payments, e-mails sent and its audit trail. */
export const ZOrderActivityOutput = z.object({
  channel: z.enum(ORDER_CHANNELS),
  paidAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  refundedMinor: z.number().int(),
  /** What is left to give back: paid minus refunded (and minus refunds still pending). */
  refundableMinor: z.number().int(),
  payments: z.array(
    z.object({
      id: z.uuid(),
      provider: z.string(),
      status: z.string(),
      amountMinor: z.number().int(),
      capturedMinor: z.number().int(),
      currency: z.string(),
      createdAt: z.date(),
    }),
  ),
  emails: z.array(z.object({ kind: z.string(), key: z.string(), to: z.string(), sentAt: z.date() })),
  audit: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      targetType: z.string(),
      targetId: z.string(),
      actorKind: z.string(),
      actorEmail: z.string().nullable(),
      ip: z.string().nullable(),
      data: z.unknown(),
      createdAt: z.date(),
    }),
  ),
});
export type TOrderActivityOutput = z.infer<typeof ZOrderActivityOutput>;

const ZReason = z.string().trim().min(1).max(500);

export const ZOrderActionInput = z.object({ orderId: z.uuid() });
export const ZCancelOrderInput = z.object({ orderId: z.uuid(), reason: ZReason });
export const ZReissueTicketInput = z.object({ orderId: z.uuid(), ticketId: z.uuid(), reason: ZReason });
export const ZGoodwillRefundInput = z.object({ orderId: z.uuid(), amountMinor: z.number().int().min(1).max(100_000_000), reason: ZReason });

export const ZResendConfirmationOutput = z.object({ orderId: z.uuid(), resendId: z.uuid(), status: z.literal("QUEUED") });
export const ZCancelOrderOutput = z.object({ orderId: z.uuid(), status: z.literal("CANCELLED") });
export const ZReissueTicketOutput = z.object({ oldTicketId: z.uuid(), ticketId: z.uuid(), shortCode: z.string() });
