import { z } from "zod";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from "@marquee/documents/locale";

export const ZCheckoutInput = z.object({
  holdId: z.uuid(),
  buyer: z.object({
    name: z.string().trim().min(1).max(200),
    email: z
      .email()
      .max(320)
      .transform((email) => email.toLowerCase()),
  }),
  voucherCode: z.string().trim().min(1).max(64).optional(),
  locale: z.enum(SUPPORTED_LOCALES).default(DEFAULT_LOCALE),
});
export type TCheckoutInput = z.infer<typeof ZCheckoutInput>;

/** `locale`: the reader's language for ticket type, section and event names (default: the order's language). */
export const ZOrderIdInput = z.object({ orderId: z.uuid(), locale: z.enum(SUPPORTED_LOCALES).optional() });

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

/** A ticket as its buyer sees it: the QR payload to show at the door, the short code for support. */
export const ZOrderTicketOutput = z.object({
  id: z.uuid(),
  shortCode: z.string(),
  /** The QR code's content (signed, verifiable offline). */
  signedCode: z.string(),
  /** TRANSFERRED: given to someone else (its code no longer admits; `transferredTo` says to whom). */
  status: z.enum(["VALID", "REVOKED", "TRANSFERRED"]),
  ticketTypeId: z.uuid(),
  ticketTypeName: z.string(),
  seat: z.object({ section: z.string(), row: z.string(), seat: z.string() }).nullable(),
  holderName: z.string().nullable(),
  /** A TRANSFERRED ticket's recipient, masked for the buyer ("j•••@example.com"); null otherwise. */
  transferredTo: z.string().nullable(),
});

/** Signed download paths on the web origin, valid until `expiresAt`. */
export const ZOrderDocuments = z.object({
  ticketsPdf: z.string().nullable(),
  invoices: z.array(z.object({ kind: z.enum(["INVOICE", "CREDIT_NOTE"]), number: z.string(), issuedAt: z.date(), pdf: z.string() })),
  expiresAt: z.date(),
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
  /** Once issued (the order is paid): one per admission; refunded ones REVOKED. */
  tickets: z.array(ZOrderTicketOutput),
  /** Once paid: the tickets PDF, the invoice and credit notes. */
  documents: ZOrderDocuments.nullable(),
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

export const ZHoldIdQuoteInput = z.object({ holdId: z.uuid(), locale: z.enum(SUPPORTED_LOCALES).optional() });

/** What checking out a hold would cost now, before any voucher (the checkout page's summary). */
export const ZHoldQuoteOutput = z.object({
  holdId: z.uuid(),
  eventId: z.uuid(),
  /** As hold.get reports it: an ACTIVE hold past expiresAt is EXPIRED. */
  status: z.enum(["ACTIVE", "RELEASED", "EXPIRED", "CONVERTED"]),
  expiresAt: z.date(),
  currency: z.string(),
  lines: z.array(
    z.object({
      ticketTypeId: z.uuid(),
      ticketTypeName: z.string(),
      seat: z.object({ section: z.string(), row: z.string(), seat: z.string() }).nullable(),
      quantity: z.number().int().positive(),
      /** Tax included; null when no price is on sale for the type now (checkout would refuse). */
      unitPriceMinor: z.number().int().nonnegative().nullable(),
      totalMinor: z.number().int().nonnegative().nullable(),
    }),
  ),
  /** Null when a line has no price. */
  totalMinor: z.number().int().nonnegative().nullable(),
  /** The server's clock when answering: a browser whose clock is off corrects its countdown by it. */
  serverNow: z.date(),
});
export type THoldQuoteOutput = z.infer<typeof ZHoldQuoteOutput>;
