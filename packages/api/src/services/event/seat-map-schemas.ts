import { SUPPORTED_LOCALES } from "@marquee/documents/locale";
import { z } from "zod";

export const ZSeatMapInput = z.strictObject({
  eventId: z.uuid(),
  /** The reader's language for section, zone and ticket type names (fallback: the event's default language). */
  locale: z.enum(SUPPORTED_LOCALES).optional(),
});
export type TSeatMapInput = z.infer<typeof ZSeatMapInput>;

/** A section's outline: a rectangle or a polygon, in the map's layout units. */
export const ZSectionShape = z.union([
  z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  z.object({ points: z.array(z.tuple([z.number(), z.number()])) }),
]);

export const ZSeatMapOutput = z.object({
  eventId: z.uuid(),
  seatMapId: z.uuid(),
  /** Bumped by the organiser when the layout changes; the layout is cached per id and version. */
  version: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  currency: z.string(),
  sections: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(["SEATED", "STANDING"]), shape: ZSectionShape.nullable() })),
  priceZones: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      color: z.string(),
      /** Active ticket types selling this zone's seats, in order; a seat held without a type takes the first. */
      ticketTypes: z.array(
        z.object({
          ticketTypeId: z.uuid(),
          name: z.string(),
          /** The tier on sale now; null when none is. */
          price: z.object({ priceTierId: z.uuid(), name: z.string(), priceMinor: z.number().int(), currency: z.string() }).nullable(),
        }),
      ),
    }),
  ),
  seats: z.array(
    z.object({
      id: z.uuid(),
      label: z.string(),
      rowLabel: z.string(),
      sectionId: z.uuid(),
      x: z.number().int(),
      y: z.number().int(),
      priceZoneId: z.uuid(),
      accessible: z.boolean(),
      /** Killed on the map (never sellable); availability lists it as unavailable too. */
      blocked: z.boolean(),
    }),
  ),
});
export type TSeatMapOutput = z.infer<typeof ZSeatMapOutput>;
