import { z } from "zod";

export const ZCheckoutInput = z.object({
  holdId: z.uuid(),
  buyer: z.object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320).transform((email) => email.toLowerCase()),
  }),
  voucherCode: z.string().trim().min(1).max(64).optional(),
  locale: z.enum(["en", "de"]).default("en"),
});
export type TCheckoutInput = z.infer<typeof ZCheckoutInput>;

export const ZOrderIdInput = z.object({ orderId: z.uuid() });

const ZOrderLine = z.object({
  ticketTypeId: z.uuid(),
  seatId: z.uuid().nullable(),
  quantity: z.number().int().positive(),
  unitPriceMinor: z.number().int().nonnegative(),
  discountMinor: z.number().int().nonnegative(),
  taxRateBp: z.number().int().nonnegative(),
  taxMinor: z.number().int().nonnegative(),
  totalMinor: z.number().int().nonnegative(),
});

export const ZOrderOutput = z.object({
  id: z.uuid(),
  reference: z.string(),
  eventId: z.uuid(),
  status: z.enum(["PENDING", "PAID", "CANCELLED", "EXPIRED", "PARTIALLY_REFUNDED", "REFUNDED"]),
  buyerName: z.string(),
  buyerEmail: z.string(),
  currency: z.string(),
  subtotalMinor: z.number().int(),
  discountMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  lines: z.array(ZOrderLine),
  payment: z
    .object({
      status: z.enum(["CREATED", "REQUIRES_ACTION", "AUTHORIZED", "CAPTURED", "CANCELLED", "FAILED"]),
      paymentIntentId: z.string().nullable(),
      failureCode: z.string().nullable(),
      failureMessage: z.string().nullable(),
    })
    .nullable(),
  createdAt: z.date(),
});
export type TOrderOutput = z.infer<typeof ZOrderOutput>;

export const ZCheckoutOutput = ZOrderOutput.extend({
  /** Confirm this PaymentIntent (Stripe.js, or the SDK's paymentIntents.confirm) to pay. */
  paymentIntentId: z.string(),
  clientSecret: z.string(),
  /** The hold's expiry: pay before it (a late payment is honoured only while the seats are free). */
  holdExpiresAt: z.date(),
});
export type TCheckoutOutput = z.infer<typeof ZCheckoutOutput>;
