"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { rememberQueuePlace, useStoredCart } from "~/lib/cart-store.ts";

export interface TQueueAdmission {
  /** The buyer must go through the waiting room before holding. */
  needsQueue: boolean;
  /** The cart already has a place in this event's queue. */
  inQueue: boolean;
  /** Holding will send an admission token. */
  admitted: boolean;
  /** When the admission runs out (null: not admitted, or admitted before the cart kept it). */
  admissionExpiresAt: Date | null;
  /** The admission ran out unused while this page was open (or before the buyer came back). */
  lapsed: boolean;
}

/**
 * Where this browser stands in an event's waiting room. A place without a token is checked once
 * with queue.status: a buyer who was admitted while away (the "your turn" e-mail links here)
 * picks up the token on this page. At the admission's expiry the token is dropped, so the page
 * offers the queue again instead of a hold the server would refuse.
 */
export function useQueueAdmission(event: { id: string; waitingRoomEnabled: boolean }): TQueueAdmission {
  const trpc = useTRPC();
  const cart = useStoredCart();
  const place = event.waitingRoomEnabled ? cart?.queue[event.id] : undefined;
  const [lapsed, setLapsed] = useState(false);
  const status = useQuery(
    trpc.queue.status.queryOptions(
      { queueTicketId: place?.queueTicketId ?? "00000000-0000-0000-0000-000000000000" },
      { enabled: Boolean(place && !place.admissionToken), staleTime: 0, retry: false },
    ),
  );
  const data = status.data;
  useEffect(() => {
    if (place && !place.admissionToken && data?.status === "ADMITTED" && data.admissionToken && data.queueTicketId === place.queueTicketId) {
      rememberQueuePlace(event.id, {
        queueTicketId: place.queueTicketId,
        admissionToken: data.admissionToken,
        admissionExpiresAt: data.admissionExpiresAt?.toISOString() ?? null,
      });
      setLapsed(false);
    }
  }, [data, place, event.id]);

  const token = place?.admissionToken ?? null;
  const expiresAtIso = token ? (place?.admissionExpiresAt ?? null) : null;
  const queueTicketId = place?.queueTicketId;
  useEffect(() => {
    if (!expiresAtIso || !queueTicketId) return;
    const timer = setTimeout(
      () => {
        rememberQueuePlace(event.id, { queueTicketId, admissionToken: null, admissionExpiresAt: null });
        setLapsed(true);
      },
      Math.max(0, new Date(expiresAtIso).getTime() - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [expiresAtIso, queueTicketId, event.id]);

  if (!event.waitingRoomEnabled) return { needsQueue: false, inQueue: false, admitted: false, admissionExpiresAt: null, lapsed: false };
  const admitted = Boolean(token);
  return {
    needsQueue: !admitted,
    inQueue: Boolean(place),
    admitted,
    admissionExpiresAt: expiresAtIso ? new Date(expiresAtIso) : null,
    lapsed: lapsed && !admitted,
  };
}
