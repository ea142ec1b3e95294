import type { Db } from "@marquee/db";
import { z } from "zod";
import type { Clock } from "../../clock.ts";

export const ZListPublicEventsInput = z.object({
  search: z.string().trim().max(100).optional(),
  city: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type TListPublicEventsInput = z.input<typeof ZListPublicEventsInput>;

export type SaleState = "on-sale" | "soon" | "ended";

export function saleState(event: { onSaleAt: Date; offSaleAt: Date | null; endsAt: Date }, now: Date): SaleState {
  if (now < event.onSaleAt) return "soon";
  if ((event.offSaleAt && now >= event.offSaleAt) || now >= event.endsAt) return "ended";
  return "on-sale";
}

/** Published, not yet ended events, soonest first, with venue and lowest price. */
export async function listPublicEvents(deps: { db: Db; clock: Clock }, rawInput: TListPublicEventsInput = {}) {
  const input = ZListPublicEventsInput.parse(rawInput);
  const now = deps.clock.now();
  const events = await deps.db.event.findMany({
    where: {
      status: "PUBLISHED",
      endsAt: { gt: now },
      ...(input.search ? { OR: [{ name: { contains: input.search, mode: "insensitive" } }, { venue: { name: { contains: input.search, mode: "insensitive" } } }] } : {}),
      ...(input.city ? { venue: { city: { equals: input.city, mode: "insensitive" } } } : {}),
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: input.limit,
    include: {
      venue: { select: { name: true, city: true } },
      ticketTypes: { where: { active: true }, select: { priceTiers: { select: { priceMinor: true } } } },
    },
  });
  return events.map((event) => {
    const prices = event.ticketTypes.flatMap((type) => type.priceTiers.map((tier) => tier.priceMinor));
    return {
      id: event.id,
      slug: event.slug,
      name: event.name,
      startsAt: event.startsAt,
      venue: event.venue,
      seatingMode: event.seatingMode,
      waitingRoomEnabled: event.waitingRoomEnabled,
      saleState: saleState(event, now),
      onSaleAt: event.onSaleAt,
      currency: event.currency,
      minPriceMinor: prices.length ? Math.min(...prices) : null,
    };
  });
}
