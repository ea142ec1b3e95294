import { z } from "zod";

export const ZGaHoldItemInput = z.strictObject({ ticketTypeId: z.uuid(), quantity: z.number().int().min(1).max(100) });
/** A named seat; the ticket type defaults to the event's first active type for the seat's price zone. */
export const ZSeatHoldItemInput = z.strictObject({ seatId: z.uuid(), ticketTypeId: z.uuid().optional() });

export const ZCreateHoldInput = z.strictObject({
  eventId: z.uuid(),
  items: z
    .array(z.union([ZGaHoldItemInput, ZSeatHoldItemInput]))
    .min(1)
    .max(100),
});
export type TCreateHoldInput = z.infer<typeof ZCreateHoldInput>;

export const ZHoldIdInput = z.strictObject({ holdId: z.uuid() });

export const ZHoldStatus = z.enum(["ACTIVE", "RELEASED", "EXPIRED", "CONVERTED"]);

export const ZHoldOutput = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  status: ZHoldStatus,
  expiresAt: z.date(),
  items: z.array(z.object({ ticketTypeId: z.uuid(), seatId: z.uuid().nullable(), quantity: z.number().int() })),
  /** The unit price the hold locked per ticket type: checkout charges it, whatever the price does meanwhile. Empty for holds made before prices were locked. */
  prices: z.array(
    z.object({
      ticketTypeId: z.uuid(),
      unitPriceMinor: z.number().int(),
      currency: z.string(),
      /** Set by demand pricing (the price may move for new holds; this one keeps it). */
      demandPriced: z.boolean(),
    }),
  ),
});
export type THoldOutput = z.infer<typeof ZHoldOutput>;

export const ZAvailabilityInput = z.strictObject({ eventId: z.uuid() });

export const ZAvailabilityOutput = z.object({
  eventId: z.uuid(),
  /** Bumped on every change; a client that reconnects compares it with what it has seen. */
  version: z.number().int(),
  ticketTypes: z.array(z.object({ ticketTypeId: z.uuid(), available: z.number().int() })),
  /** Seats held, sold or blocked; every other seat of the map is free. */
  unavailableSeatIds: z.array(z.uuid()),
  /** The seats of unavailableSeatIds held by a live hold (they come back if it ends); the others are sold or blocked. */
  heldSeatIds: z.array(z.uuid()),
});
export type TAvailabilityOutput = z.infer<typeof ZAvailabilityOutput>;
