import type { RouterOutputs } from "@marquee/api";
import type { TLiveSeatState } from "~/components/event/use-live-availability.ts";
import type { TSeatLook } from "~/components/seat-map/seat-glyph.tsx";

export type TSeatMap = RouterOutputs["event"]["seatMap"];
export type TMapSeat = TSeatMap["seats"][number];

export interface TSeatOffer {
  zoneName: string;
  color: string;
  /** The first active ticket type of the seat's zone with a price on sale: what a seat hold buys. */
  priceMinor: number | null;
  currency: string;
}

/** Zone colour, name and current price per price zone. */
export function zoneOffers(map: TSeatMap): Map<string, TSeatOffer> {
  return new Map(
    map.priceZones.map((zone) => {
      const type = zone.ticketTypes[0];
      return [
        zone.id,
        { zoneName: zone.name, color: zone.color, priceMinor: type?.price?.priceMinor ?? null, currency: type?.price?.currency ?? map.currency },
      ];
    }),
  );
}

/** How a seat looks now: my selection first, then the map's kills and the live state. */
export function seatLook(seat: TMapSeat, offer: TSeatOffer | undefined, live: TLiveSeatState | undefined, selected: boolean): TSeatLook {
  if (selected) return "selected";
  if (seat.blocked || !offer || offer.priceMinor === null || live === "blocked") return "blocked";
  if (live === "held") return "held";
  if (live === "sold" || live === "unavailable") return "sold";
  return "available";
}
