"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { readCart, rememberHold, rememberQueuePlace, useEnsureCart, useStoredCart } from "~/lib/cart-store.ts";

export type THoldItem = { ticketTypeId: string; quantity: number } | { seatId: string };

/**
 * Continue: make sure the browser has a cart, hold the items (with the waiting room's admission
 * token when the event has one), remember the hold and go to checkout. `holding` stays true from
 * the request until the page changes, so the buyer's own hold, seen on the live channel, is not
 * mistaken for someone else taking the seats.
 */
export function useHoldCheckout(eventId: string) {
  const trpc = useTRPC();
  const router = useRouter();
  const ensureCart = useEnsureCart();
  const cart = useStoredCart();
  const admissionToken = cart?.queue[eventId]?.admissionToken ?? null;
  const createHold = useMutation(trpc.hold.create.mutationOptions({ trpc: { context: { admissionToken } } }));
  const holding = useRef(false);
  const [navigating, setNavigating] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(items: THoldItem[], onError?: (error: unknown) => void) {
    if (holding.current || items.length === 0) return;
    holding.current = true;
    setError(null);
    try {
      await ensureCart();
      const hold = await createHold.mutateAsync({ eventId, items });
      rememberHold(eventId, hold.id);
      // The admission is single use: it bought this hold.
      const place = readCart()?.queue[eventId];
      if (place?.admissionToken) rememberQueuePlace(eventId, { ...place, admissionToken: null });
      setNavigating(true);
      router.push(`/checkout/${hold.id}`);
    } catch (caught) {
      holding.current = false;
      setError(caught);
      onError?.(caught);
      // A lapsed or spent admission: back to the queue for a new one.
      if (appErrorOf(caught).code === "ADMISSION_INVALID") {
        const place = readCart()?.queue[eventId];
        if (place) rememberQueuePlace(eventId, { ...place, admissionToken: null });
      }
    }
  }

  return { submit, pending: createHold.isPending || navigating, error, clearError: () => setError(null), holding };
}
