import { z } from "zod";
import { ZGaHoldItemInput, ZSeatHoldItemInput } from "../booking/hold-schemas.ts";
import { MAX_BEST_SEATS } from "../event/suggest-best-seats.ts";

/** Best available seats of one price zone (the same suggestion as the shop's event.bestSeats). */
export const ZBestSeatsLineInput = z.strictObject({ priceZoneId: z.uuid(), quantity: z.number().int().min(1).max(MAX_BEST_SEATS) });

/** One line of a door sale: GA tickets of a type, one named seat, or the best seats of a price zone. */
export const ZBoxOfficeLineInput = z.union([ZGaHoldItemInput, ZSeatHoldItemInput, ZBestSeatsLineInput]);

export const ZBoxOfficePaymentMethod = z.enum(["CASH", "CARD"]);
export type TBoxOfficePaymentMethod = z.infer<typeof ZBoxOfficePaymentMethod>;

/** The Payment row's provider for each method: never Stripe (no call is made). */
export const BOX_OFFICE_PROVIDER = { CASH: "cash", CARD: "card_terminal" } as const satisfies Record<TBoxOfficePaymentMethod, string>;
export const BOX_OFFICE_PROVIDERS: readonly string[] = Object.values(BOX_OFFICE_PROVIDER);

export const ZBoxOfficeSellInput = z.object({
  eventId: z.uuid(),
  lines: z.array(ZBoxOfficeLineInput).min(1).max(50),
  paymentMethod: ZBoxOfficePaymentMethod,
  /** The card terminal's receipt or transaction number (card only), kept in the audit log. */
  terminalReference: z.string().trim().min(1).max(100).optional(),
  /** Cash handed over, in minor units (cash only): the change due is computed from it. */
  cashTenderedMinor: z.number().int().min(0).max(100_000_000).optional(),
  buyer: z
    .strictObject({
      name: z.string().trim().min(1).max(200).optional(),
      /** Given: the confirmation with tickets and invoice is mailed there. Absent: nothing is mailed. */
      email: z.email().max(320).optional(),
    })
    .optional(),
  locale: z.enum(["en", "de"]).optional(),
});
export type TBoxOfficeSellInput = z.infer<typeof ZBoxOfficeSellInput>;

export const ZBoxOfficeSaleOutput = z.object({
  orderId: z.uuid(),
  reference: z.string(),
  currency: z.string(),
  totalMinor: z.number().int(),
  paymentMethod: ZBoxOfficePaymentMethod,
  cashTenderedMinor: z.number().int().nullable(),
  changeDueMinor: z.number().int().nullable(),
  quantity: z.number().int(),
});
export type TBoxOfficeSaleOutput = z.infer<typeof ZBoxOfficeSaleOutput>;

export const ZBoxOfficeEventsOutput = z.object({
  events: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      startsAt: z.date(),
      endsAt: z.date(),
      currency: z.string(),
      seated: z.boolean(),
      maxPerOrder: z.number().int(),
      ticketTypes: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          priceZoneId: z.uuid().nullable(),
          /** The price a sale now charges; null: no price on sale (the type cannot be sold). */
          priceMinor: z.number().int().nullable(),
          /** Tickets (GA) or free seats of the type's zone left now. */
          available: z.number().int(),
        }),
      ),
    }),
  ),
});
export type TBoxOfficeEventsOutput = z.infer<typeof ZBoxOfficeEventsOutput>;
