import { AppError } from "../../errors.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import type { THoldOutput } from "./hold-schemas.ts";
import type { TBookingDeps } from "./types.ts";

const itemOrder = (item: THoldOutput["items"][number]) => `${item.seatId ?? ""}|${item.ticketTypeId}`;

/** Items in a stable order (GA first); an ACTIVE hold past its expiresAt is reported EXPIRED even before the sweeper reaches it. */
type THoldRecord = Omit<THoldOutput, "prices"> & {
  prices?: readonly { ticketTypeId: string; unitPriceMinor: number; currency: string; priceVersionId: string | null }[];
};

export function toHoldOutput(hold: THoldRecord, now: Date): THoldOutput {
  const status = hold.status === "ACTIVE" && hold.expiresAt.getTime() <= now.getTime() ? "EXPIRED" : hold.status;
  const items = [...hold.items].sort((a, b) => itemOrder(a).localeCompare(itemOrder(b)));
  const prices = [...(hold.prices ?? [])]
    .sort((a, b) => a.ticketTypeId.localeCompare(b.ticketTypeId))
    .map((price) => ({
      ticketTypeId: price.ticketTypeId,
      unitPriceMinor: price.unitPriceMinor,
      currency: price.currency,
      demandPriced: price.priceVersionId !== null,
    }));
  return { id: hold.id, eventId: hold.eventId, status, expiresAt: hold.expiresAt, items, prices };
}

/** A hold of this cart (another cart's hold is NOT_FOUND: no probing). */
export async function getHold(deps: TBookingDeps, cart: TResolvedCart, holdId: string): Promise<THoldOutput> {
  const hold = await deps.db.hold.findUnique({
    where: { id: holdId },
    select: {
      id: true,
      eventId: true,
      cartId: true,
      status: true,
      expiresAt: true,
      items: { select: { ticketTypeId: true, seatId: true, quantity: true } },
      prices: { select: { ticketTypeId: true, unitPriceMinor: true, currency: true, priceVersionId: true } },
    },
  });
  if (!hold || hold.cartId !== cart.id) throw new AppError("NOT_FOUND", "Hold not found.");
  return toHoldOutput(hold, deps.clock.now());
}
