import { z } from "zod";

/** An organiser's refund: the tickets to refund (all the order's valid ones when absent) and why. */
export const ZRequestRefundInput = z.object({
  orderId: z.uuid(),
  ticketIds: z.array(z.uuid()).min(1).max(100).optional(),
  reason: z.string().trim().min(1).max(500),
});

export const ZRequestedRefundOutput = z.object({
  refundId: z.uuid(),
  orderId: z.uuid(),
  amountMinor: z.number().int(),
  currency: z.string(),
  ticketIds: z.array(z.uuid()),
  status: z.literal("PENDING"),
});

export const ZOrderRefundsOutput = z.array(
  z.object({
    id: z.uuid(),
    amountMinor: z.number().int(),
    currency: z.string(),
    status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]),
    reason: z.string().nullable(),
    ticketIds: z.array(z.uuid()),
    createdAt: z.date(),
    updatedAt: z.date(),
  }),
);
