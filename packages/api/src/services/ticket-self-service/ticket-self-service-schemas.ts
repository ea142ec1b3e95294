import { z } from "zod";

// Inputs and outputs of the ticket self-service procedures (web `ticket.*`, console `refundRequest.*`).

const ZHolderName = z.string().trim().min(1, "Enter a name.").max(120);

export const ZOrderTicketInputSchema = z.object({ orderId: z.uuid(), ticketId: z.uuid() });

export const ZRenameTicketInputSchema = ZOrderTicketInputSchema.extend({ holderName: ZHolderName });
export const ZRenameTicketOutputSchema = z.object({ ticketId: z.uuid(), holderName: z.string(), changed: z.boolean() });

export const ZTransferTicketInputSchema = ZOrderTicketInputSchema.extend({
  recipient: z.object({ name: ZHolderName, email: z.email().max(254) }),
});
export const ZTransferTicketOutputSchema = z.object({
  ticketId: z.uuid(),
  status: z.literal("TRANSFERRED"),
  transferredTo: z.string(),
  transferredAt: z.date(),
});

export const ZRequestRefundInputSchema = z.object({
  orderId: z.uuid(),
  /** Some of the order's tickets; all of the buyer's refundable ones when absent. */
  ticketIds: z.array(z.uuid()).min(1).max(100).optional(),
  reason: z.string().trim().min(1, "Give a reason.").max(1_000),
});

const ZRefundRequestStatus = z.enum(["PENDING", "APPROVED", "DECLINED"]);

export const ZRefundRequestOutputSchema = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  eventId: z.uuid(),
  status: ZRefundRequestStatus,
  reason: z.string(),
  ticketIds: z.array(z.uuid()),
  refundId: z.uuid().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.date().nullable(),
  createdAt: z.date(),
});

const ZWindow = z.object({ enabled: z.boolean(), until: z.date().nullable(), open: z.boolean() });

export const ZTicketSelfServiceOutputSchema = z.object({
  orderId: z.uuid(),
  /** The event's zone, to print the cut-offs in. */
  timezone: z.string(),
  policy: z.object({ ticketChanges: ZWindow, refundRequests: ZWindow }),
  /** The buyer's own tickets (a transfer's new ticket is its recipient's, not listed). */
  tickets: z.array(
    z.object({
      id: z.uuid(),
      shortCode: z.string(),
      ticketTypeName: z.string(),
      seat: z.object({ section: z.string(), row: z.string(), seat: z.string() }).nullable(),
      holderName: z.string(),
      status: z.enum(["VALID", "REVOKED", "TRANSFERRED"]),
      blockedBy: z.enum(["TRANSFERRED", "REFUNDED", "CHECKED_IN", "REFUND_PENDING", "ORDER_NOT_PAID"]).nullable(),
      transferredTo: z.string().nullable(),
      transferredAt: z.date().nullable(),
      canChange: z.boolean(),
      canRequestRefund: z.boolean(),
    }),
  ),
  refundRequests: z.array(ZRefundRequestOutputSchema),
});
export type TTicketSelfServiceOutputSchema = z.infer<typeof ZTicketSelfServiceOutputSchema>;

export const ZTicketLinkInputSchema = z.object({ token: z.string().min(1).max(512) });

export const ZTicketByLinkOutputSchema = z.object({
  id: z.uuid(),
  status: z.enum(["VALID", "REVOKED", "TRANSFERRED"]),
  holderName: z.string(),
  ticketTypeName: z.string(),
  seat: z.object({ section: z.string(), row: z.string(), seat: z.string() }).nullable(),
  /** Only while the ticket is valid. */
  shortCode: z.string().nullable(),
  signedCode: z.string().nullable(),
  checkedIn: z.boolean(),
  event: z.object({
    name: z.string(),
    slug: z.string(),
    startsAt: z.date(),
    doorsAt: z.date().nullable(),
    timezone: z.string(),
    venue: z.object({ name: z.string(), city: z.string(), address: z.string().nullable() }),
  }),
  /** A signed download path for the ticket's PDF (an hour), while it is valid. */
  pdf: z.string().nullable(),
});
export type TTicketByLinkOutputSchema = z.infer<typeof ZTicketByLinkOutputSchema>;

export const ZListRefundRequestsInputSchema = z.object({
  status: ZRefundRequestStatus.default("PENDING"),
  eventId: z.uuid().optional(),
  limit: z.number().int().min(1).max(200).default(100),
});

export const ZOrganizationRefundRequestOutputSchema = ZRefundRequestOutputSchema.extend({
  order: z.object({ reference: z.string(), buyerName: z.string(), buyerEmail: z.string(), currency: z.string(), totalMinor: z.number().int() }),
  event: z.object({ name: z.string(), startsAt: z.date() }),
});

export const ZApproveRefundRequestInputSchema = z.object({ requestId: z.uuid(), note: z.string().trim().max(1_000).optional() });
export const ZDeclineRefundRequestInputSchema = z.object({ requestId: z.uuid(), note: z.string().trim().min(1, "Tell the buyer why.").max(1_000) });
