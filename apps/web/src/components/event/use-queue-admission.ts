"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { rememberQueuePlace, useStoredCart } from "~/lib/cart-store.ts";

export interface TQueueAdmission {
  /** The buyer must go through the waiting room before holding. */
  needsQueue: boolean;
  /** The cart already has a place in this event's queue. */
  inQueue: boolean;
  /** Holding will send an admission token. */
  admitted: boolean;
}

/**
 * Where this browser stands in an event's waiting room. A place without a token is checked once
 * with queue.status: a buyer who was admitted while away (the "your turn" e-mail links here)
 * picks up the token on this page.
 */
export function useQueueAdmission(event: { id: string; waitingRoomEnabled: boolean }): TQueueAdmission {
  const trpc = useTRPC();
  const cart = useStoredCart();
  const place = event.waitingRoomEnabled ? cart?.queue[event.id] : undefined;
  const status = useQuery(
    trpc.queue.status.queryOptions(
      { queueTicketId: place?.queueTicketId ?? "00000000-0000-0000-0000-000000000000" },
      { enabled: Boolean(place && !place.admissionToken), staleTime: 0, retry: false },
    ),
  );
  const data = status.data;
  useEffect(() => {
    if (place && !place.admissionToken && data?.status === "ADMITTED" && data.admissionToken && data.queueTicketId === place.queueTicketId) {
      rememberQueuePlace(event.id, { queueTicketId: place.queueTicketId, admissionToken: data.admissionToken });
    }
  }, [data, place, event.id]);

  if (!event.waitingRoomEnabled) return { needsQueue: false, inQueue: false, admitted: false };
  const admitted = Boolean(place?.admissionToken);
  return { needsQueue: !admitted, inQueue: Boolean(place), admitted };
}
