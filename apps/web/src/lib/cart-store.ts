"use client";

import { useTRPCClient } from "@marquee/ui/trpc";
import { provideRequestHeaders } from "@marquee/ui/trpc/request-headers";
import { useCallback, useSyncExternalStore } from "react";
import { storageSubscription } from "~/lib/storage-subscription.ts";

// The buyer's cart lives in this browser's localStorage: its token (sent as X-Cart-Token on
// every call), the waiting-room ticket per event (so a reload keeps the place in the queue),
// the live hold per event, and the orders made from it. Nothing here is trusted by the server:
// the token is only a key to the cart the API keeps.

const STORAGE_KEY = "marquee.cart.v1";

export interface TQueuePlace {
  queueTicketId: string;
  /** Once admitted: sent as X-Admission-Token with the hold (context `admissionToken`). */
  admissionToken: string | null;
  /** When that admission runs out (ISO), for the event page's countdown. */
  admissionExpiresAt?: string | null;
}

export interface TStoredCart {
  token: string;
  cartId: string;
  expiresAt: string;
  /** eventId → the waiting-room place of this cart. */
  queue: Record<string, TQueuePlace>;
  /** eventId → the hold being checked out. */
  holds: Record<string, string>;
  /** Orders placed from this cart, newest first. */
  orders: string[];
}

const changes = storageSubscription(STORAGE_KEY);
let cached: { raw: string | null; cart: TStoredCart | null } = { raw: null, cart: null };

function parse(raw: string | null): TStoredCart | null {
  if (!raw) return null;
  try {
    const cart = JSON.parse(raw) as TStoredCart;
    if (typeof cart.token !== "string" || new Date(cart.expiresAt).getTime() <= Date.now()) return null;
    return { ...cart, queue: cart.queue ?? {}, holds: cart.holds ?? {}, orders: cart.orders ?? [] };
  } catch {
    return null;
  }
}

/** The stored cart, or null (none yet, expired, or not in a browser). */
export function readCart(): TStoredCart | null {
  if (typeof window === "undefined") return null;
  const raw = window.localStorage.getItem(STORAGE_KEY);
  if (raw !== cached.raw) cached = { raw, cart: parse(raw) };
  return cached.cart;
}

function writeCart(cart: TStoredCart | null): void {
  if (cart) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(cart));
  else window.localStorage.removeItem(STORAGE_KEY);
  changes.notify();
}

/** Changes the stored cart (no-op without one). */
export function updateCart(change: (cart: TStoredCart) => TStoredCart): void {
  const cart = readCart();
  if (cart) writeCart(change(cart));
}

export const rememberQueuePlace = (eventId: string, place: TQueuePlace) => updateCart((cart) => ({ ...cart, queue: { ...cart.queue, [eventId]: place } }));
export const rememberHold = (eventId: string, holdId: string) => updateCart((cart) => ({ ...cart, holds: { ...cart.holds, [eventId]: holdId } }));
export const forgetHold = (eventId: string) =>
  updateCart((cart) => {
    const { [eventId]: _, ...holds } = cart.holds;
    return { ...cart, holds };
  });
export const rememberOrder = (orderId: string) => updateCart((cart) => ({ ...cart, orders: [orderId, ...cart.orders.filter((id) => id !== orderId)] }));

/** The stored cart, re-rendering when it changes (also in other tabs); null on the server. */
export function useStoredCart(): TStoredCart | null {
  return useSyncExternalStore(changes.subscribe, readCart, () => null);
}

/** Answers the stored cart, creating one through `cart.create` first if there is none. */
export function useEnsureCart(): () => Promise<TStoredCart> {
  const client = useTRPCClient();
  return useCallback(async () => {
    const existing = readCart();
    if (existing) return existing;
    const created = await client.cart.create.mutate();
    const cart: TStoredCart = { token: created.token, cartId: created.cartId, expiresAt: created.expiresAt.toISOString(), queue: {}, holds: {}, orders: [] };
    writeCart(cart);
    return cart;
  }, [client]);
}

// Every tRPC call of the site carries the cart token; a call made with
// `trpc: { context: { admissionToken } }` also carries the waiting room's admission.
provideRequestHeaders((contexts) => {
  const headers: Record<string, string> = {};
  const cart = readCart();
  if (cart) headers["x-cart-token"] = cart.token;
  const admission = contexts.map((context) => context.admissionToken).find((token): token is string => typeof token === "string");
  if (admission) headers["x-admission-token"] = admission;
  // `trpc: { context: { idempotencyKey } }`: a retried write (checkout) replays its first answer.
  const idempotencyKey = contexts.map((context) => context.idempotencyKey).find((key): key is string => typeof key === "string");
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  // `trpc: { context: { supportToken } }`: a guest's support conversation, in a header, never in a URL.
  const supportToken = contexts.map((context) => context.supportToken).find((token): token is string => typeof token === "string");
  if (supportToken) headers["x-support-token"] = supportToken;
  // `trpc: { context: { orderToken } }`: an e-mailed order link's token (from the page's fragment), in a header, never in a URL.
  const orderToken = contexts.map((context) => context.orderToken).find((token): token is string => typeof token === "string");
  if (orderToken) headers["x-order-token"] = orderToken;
  return headers;
});

/** Forgets this browser's cart (on sign-out: the next person on a shared device starts afresh). */
export function forgetCart(): void {
  if (typeof window !== "undefined") writeCart(null);
}
