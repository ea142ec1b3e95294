import { z } from "zod";

const ZDate = z.coerce.date();
const ZMinor = z.number().int().min(0).max(100_000_000);

export const ZTicketTypeFields = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2_000),
  /** General admission: how many may be sold. Reserved types sell their price zone's seats (null). */
  capacity: z.number().int().min(0).max(1_000_000).nullable(),
  priceZoneId: z.uuid().nullable(),
  minPerOrder: z.number().int().min(1).max(100),
  maxPerOrder: z.number().int().min(1).max(100).nullable(),
  salesStartAt: ZDate.nullable(),
  salesEndAt: ZDate.nullable(),
  sortOrder: z.number().int().min(0).max(10_000),
  hiddenUnlessVoucher: z.boolean(),
});

export const ZCreateTicketTypeInput = ZTicketTypeFields.partial({
  description: true,
  capacity: true,
  priceZoneId: true,
  minPerOrder: true,
  maxPerOrder: true,
  salesStartAt: true,
  salesEndAt: true,
  sortOrder: true,
  hiddenUnlessVoucher: true,
}).extend({
  eventId: z.uuid(),
  /** The regular price (a first price tier "Regular"), tax included. */
  priceMinor: ZMinor,
  taxRateBp: z.number().int().min(0).max(10_000).default(0),
});
export type TCreateTicketTypeInput = z.infer<typeof ZCreateTicketTypeInput>;

export const ZUpdateTicketTypeInput = ZTicketTypeFields.partial().extend({ ticketTypeId: z.uuid() });
export type TUpdateTicketTypeInput = z.infer<typeof ZUpdateTicketTypeInput>;

export const ZTicketTypeIdInput = z.object({ ticketTypeId: z.uuid() });

/**
 * One price tier, as the shop reads it (event/current-price.ts): the first by sortOrder that is in
 * its date window and under its quantity limit sells. Early bird: a tier with `validUntil` and/or
 * `quantityLimit` sorted before the regular one.
 */
export const ZPriceTierInput = z.object({
  /** Keep an existing tier (its sales count stays); absent: a new tier. */
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(60),
  priceMinor: ZMinor,
  taxRateBp: z.number().int().min(0).max(10_000).default(0),
  validFrom: ZDate.nullable().default(null),
  validUntil: ZDate.nullable().default(null),
  quantityLimit: z.number().int().min(1).max(1_000_000).nullable().default(null),
});
export const ZSetPriceTiersInput = z.object({ ticketTypeId: z.uuid(), tiers: z.array(ZPriceTierInput).min(1).max(20) });
export type TSetPriceTiersInput = z.infer<typeof ZSetPriceTiersInput>;

export const ZOrganizerTicketType = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  name: z.string(),
  description: z.string(),
  capacity: z.number().int().nullable(),
  soldCount: z.number().int(),
  priceZoneId: z.uuid().nullable(),
  minPerOrder: z.number().int(),
  maxPerOrder: z.number().int().nullable(),
  salesStartAt: z.date().nullable(),
  salesEndAt: z.date().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  hiddenUnlessVoucher: z.boolean(),
  priceTiers: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      priceMinor: z.number().int(),
      currency: z.string(),
      taxRateBp: z.number().int(),
      validFrom: z.date().nullable(),
      validUntil: z.date().nullable(),
      quantityLimit: z.number().int().nullable(),
      soldCount: z.number().int(),
      sortOrder: z.number().int(),
    }),
  ),
});
export type TOrganizerTicketType = z.infer<typeof ZOrganizerTicketType>;
