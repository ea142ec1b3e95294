import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { resolveName, type TContentLanguage } from "../content/resolve-content.ts";
import { currentPriceTier } from "./current-price.ts";
import { type TSeatMapOutput, ZSeatMapInput, type TSeatMapInput, ZSectionShape } from "./seat-map-schemas.ts";

// Names are kept with their translations and resolved per request (the layout is shared by every language).
type TLayout = Pick<TSeatMapOutput, "seatMapId" | "version" | "width" | "height" | "seats"> & {
  sections: (TSeatMapOutput["sections"][number] & { translations: unknown })[];
  zones: { id: string; name: string; color: string; translations: unknown }[];
};

/** How long a layout is reused: seats edited without a version bump show up within this. */
export const SEAT_MAP_CACHE_MS = 60_000;
const MAX_CACHED_LAYOUTS = 50;
const layouts = new Map<string, { layout: Promise<TLayout>; until: number }>();

/**
 * The seat map of a published reserved-seating event: canvas, sections, price zones with the
 * ticket types and current prices that sell them, and every seat. Drafts, unknown events and
 * general-admission events (no map) are NOT_FOUND. The layout (the heavy part: thousands of
 * seats) is cached per process by map id and version; ticket types and prices are read each
 * time, since they change with time and sales.
 */
export async function getSeatMap(deps: { db: Db; clock: Clock }, rawInput: TSeatMapInput): Promise<TSeatMapOutput> {
  const { eventId, locale } = ZSeatMapInput.parse(rawInput);
  const event = await deps.db.event.findUnique({
    where: { id: eventId },
    select: {
      id: true,
      status: true,
      currency: true,
      defaultLanguage: true,
      seatMap: { select: { id: true, version: true } },
      ticketTypes: {
        where: { active: true, priceZoneId: { not: null } },
        orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
        select: { id: true, name: true, translations: true, priceZoneId: true, priceTiers: true },
      },
    },
  });
  if (!event || event.status !== "PUBLISHED") throw new AppError("NOT_FOUND", "Event not found.");
  if (!event.seatMap) throw new AppError("NOT_FOUND", "This event has no seat map (general admission).");

  const layout = await cachedLayout(deps.db, event.seatMap.id, event.seatMap.version);
  const now = deps.clock.now();
  const language: TContentLanguage = { requested: locale, defaultLanguage: event.defaultLanguage };
  return {
    eventId: event.id,
    seatMapId: layout.seatMapId,
    version: layout.version,
    width: layout.width,
    height: layout.height,
    currency: event.currency,
    sections: layout.sections.map(({ translations, ...section }) => ({ ...section, name: resolveName({ name: section.name, translations }, language) })),
    priceZones: layout.zones.map(({ translations, ...zone }) => ({
      ...zone,
      name: resolveName({ name: zone.name, translations }, language),
      ticketTypes: event.ticketTypes
        .filter((type) => type.priceZoneId === zone.id)
        .map((type) => {
          const tier = currentPriceTier(type.priceTiers, now);
          return {
            ticketTypeId: type.id,
            name: resolveName(type, language),
            price: tier ? { priceTierId: tier.id, name: tier.name, priceMinor: tier.priceMinor, currency: tier.currency } : null,
          };
        }),
    })),
    seats: layout.seats,
  };
}

function cachedLayout(db: Db, seatMapId: string, version: number): Promise<TLayout> {
  const key = `${seatMapId}:${version}`;
  const hit = layouts.get(key);
  if (hit && hit.until > Date.now()) return hit.layout;
  if (layouts.size >= MAX_CACHED_LAYOUTS) layouts.clear();
  const layout = loadLayout(db, seatMapId);
  layouts.set(key, { layout, until: Date.now() + SEAT_MAP_CACHE_MS });
  // A failed read must not stay cached.
  layout.catch(() => layouts.delete(key));
  return layout;
}

async function loadLayout(db: Db, seatMapId: string): Promise<TLayout> {
  const map = await db.seatMap.findUniqueOrThrow({
    where: { id: seatMapId },
    select: {
      id: true,
      version: true,
      width: true,
      height: true,
      sections: { orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true, kind: true, shape: true, translations: true } },
      priceZones: { orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true, color: true, translations: true } },
      seats: {
        orderBy: [{ y: "asc" }, { x: "asc" }, { id: "asc" }],
        select: {
          id: true,
          label: true,
          sectionId: true,
          x: true,
          y: true,
          priceZoneId: true,
          accessible: true,
          blocked: true,
          row: { select: { label: true } },
        },
      },
    },
  });
  return {
    seatMapId: map.id,
    version: map.version,
    width: map.width,
    height: map.height,
    // A malformed outline is drawn as none rather than failing the whole map.
    sections: map.sections.map((section) => ({
      id: section.id,
      name: section.name,
      kind: section.kind,
      translations: section.translations,
      shape: ZSectionShape.safeParse(section.shape).data ?? null,
    })),
    zones: map.priceZones,
    seats: map.seats.map(({ row, ...seat }) => ({ ...seat, rowLabel: row.label })),
  };
}
