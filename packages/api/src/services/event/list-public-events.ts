import type { Db } from "@marquee/db";
import { z } from "zod";
import type { Clock } from "../../clock.ts";
import { resolveText, ZContentLocale } from "../content/resolve-content.ts";
import { publicEventImage } from "../event-image/event-image-output.ts";

export const ZListPublicEventsInput = z.object({
  /** Words matched against the event's name (also in `locale`), its venue's name and city (all must match somewhere). */
  search: z.string().trim().max(100).optional(),
  city: z.string().trim().max(100).optional(),
  /** Shows starting on or after `from` and before `to` (dates; query strings are coerced). */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  seating: z.enum(["GENERAL_ADMISSION", "RESERVED"]).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** The reader's language for event names and image texts (fallback: each event's default language). */
  locale: ZContentLocale,
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
  const words = (input.search ?? "").split(/\s+/).filter(Boolean).slice(0, 8);
  const events = await deps.db.event.findMany({
    where: {
      status: "PUBLISHED",
      endsAt: { gt: now },
      AND: [
        // Through the trigram index first (Event_searchText_idx: every language's name, the venue's name and
        // city): a superset of what the per-field rules below keep, so the plan reads the index, not every event.
        ...words.map((word) => ({ searchText: { contains: word, mode: "insensitive" as const } })),
        ...words.map((word) => ({
          OR: [
            { name: { contains: word, mode: "insensitive" as const } },
            // The name in the reader's language too (JSON text matches case-sensitively).
            ...(input.locale ? [{ translations: { path: [input.locale, "name"], string_contains: word } }] : []),
            { venue: { name: { contains: word, mode: "insensitive" as const } } },
            { venue: { city: { contains: word, mode: "insensitive" as const } } },
          ],
        })),
        ...(input.city ? [{ venue: { city: { equals: input.city, mode: "insensitive" as const } } }] : []),
        ...(input.from ? [{ startsAt: { gte: input.from } }] : []),
        ...(input.to ? [{ startsAt: { lt: input.to } }] : []),
        ...(input.seating ? [{ seatingMode: input.seating }] : []),
      ],
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: input.limit,
    include: {
      venue: { select: { name: true, city: true } },
      ticketTypes: {
        where: { active: true, hiddenUnlessVoucher: false },
        select: { capacity: true, soldCount: true, priceTiers: { select: { priceMinor: true } } },
      },
    },
  });
  const seatedSoldOut = await reservedSoldOut(
    deps.db,
    events.filter((event) => event.seatingMode === "RESERVED" && event.seatMapId),
  );
  return events.map((event) => {
    const prices = event.ticketTypes.flatMap((type) => type.priceTiers.map((tier) => tier.priceMinor));
    const language = { requested: input.locale, defaultLanguage: event.defaultLanguage };
    return {
      id: event.id,
      slug: event.slug,
      name: resolveText(event.name, event.translations, "name", language),
      image: publicEventImage(event, language),
      startsAt: event.startsAt,
      venue: event.venue,
      seatingMode: event.seatingMode,
      waitingRoomEnabled: event.waitingRoomEnabled,
      saleState: saleState(event, now),
      onSaleAt: event.onSaleAt,
      currency: event.currency,
      minPriceMinor: prices.length ? Math.min(...prices) : null,
      soldOut: event.seatingMode === "RESERVED" ? seatedSoldOut.has(event.id) : gaSoldOut(event.ticketTypes),
    };
  });
}

/** Every general-admission type sold to its capacity (held tickets may still come back: not sold out). */
const gaSoldOut = (types: { capacity: number | null; soldCount: number }[]) =>
  types.length > 0 && types.every((type) => type.capacity !== null && type.soldCount >= type.capacity);

/** Reserved events whose sellable seats (not blocked on the map) all have a valid ticket: two grouped counts. */
async function reservedSoldOut(db: Db, events: { id: string; seatMapId: string | null }[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const mapIds = [...new Set(events.map((event) => event.seatMapId!))];
  const [seats, sold] = await Promise.all([
    db.seat.groupBy({ by: ["seatMapId"], where: { seatMapId: { in: mapIds }, blocked: false }, _count: { _all: true } }),
    db.ticket.groupBy({
      by: ["eventId"],
      where: { eventId: { in: events.map((event) => event.id) }, status: "VALID", seatId: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const seatsPerMap = new Map(seats.map((row) => [row.seatMapId, row._count._all]));
  const soldPerEvent = new Map(sold.map((row) => [row.eventId, row._count._all]));
  return new Set(
    events
      .filter((event) => (soldPerEvent.get(event.id) ?? 0) >= (seatsPerMap.get(event.seatMapId!) ?? 0) && (seatsPerMap.get(event.seatMapId!) ?? 0) > 0)
      .map((event) => event.id),
  );
}
