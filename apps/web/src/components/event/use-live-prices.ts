"use client";

import type { TPriceChangedEvent } from "@marquee/api/services/pricing/pricing-schemas";
import { useState } from "react";
import { useChannel } from "~/lib/realtime.tsx";

export interface TDemandPrice {
  priceMinor: number;
  version: number;
}

/**
 * Demand prices kept live: the page's own (event.get's `demandPrice`) until a `price` message on
 * the public channel `event-<eventId>` brings a newer version (older or repeated ones are ignored).
 */
export function useLivePrices(eventId: string): (ticketTypeId: string, fromPage: TDemandPrice | null) => TDemandPrice | null {
  const [live, setLive] = useState<ReadonlyMap<string, TDemandPrice>>(new Map());
  useChannel<TPriceChangedEvent>(`event-${eventId}`, "price", (message) => {
    if (message.eventId !== eventId) return;
    setLive((current) => {
      const known = current.get(message.ticketTypeId);
      if (known && known.version >= message.version) return current;
      return new Map(current).set(message.ticketTypeId, { priceMinor: message.priceMinor, version: message.version });
    });
  });
  return (ticketTypeId, fromPage) => {
    const message = live.get(ticketTypeId);
    if (!fromPage) return message ?? null;
    return message && message.version > fromPage.version ? message : fromPage;
  };
}
