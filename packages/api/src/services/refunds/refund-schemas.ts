import { z } from "zod";

const ZRefundKind = z.enum(["tickets", "goodwill"]);

/**
 * An organiser's refund and why: the tickets to refund (all the order's valid ones when neither
 * tickets nor an amount is given), or a goodwill amount in minor units that leaves every ticket valid.
 */
export const ZRequestRefundInput = z
  .object({
    orderId: z.uuid(),
    ticketIds: z.array(z.uuid()).min(1).max(100).optional(),
    amountMinor: z
      .number()
      .int()
      .positive()
      .max(100_000_000)
      .optional()
      .describe("A goodwill refund without tickets: this amount (minor units, the order's currency) back, every ticket stays valid. Not with ticketIds."),
    reason: z.string().trim().min(1).max(500),
  })
  .refine((input) => !(input.ticketIds && input.amountMinor !== undefined), { message: "Refund tickets or an amount, not both.", path: ["amountMinor"] });

export const ZRequestedRefundOutput = z.object({
  refundId: z.uuid(),
  orderId: z.uuid(),
  amountMinor: z.number().int(),
  currency: z.string(),
  ticketIds: z.array(z.uuid()),
  kind: ZRefundKind,
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
    kind: ZRefundKind,
    createdAt: z.date(),
    updatedAt: z.date(),
  }),
);
