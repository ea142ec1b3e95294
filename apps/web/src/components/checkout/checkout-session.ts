"use client";

// What this browser remembers per hold while checking out (localStorage): the Idempotency-Key of
// its checkout call and, once the order exists, the request that made it. A double submit, a
// retry after a lost answer or a reload sends the same key and body, and the API replays the
// first answer (the same order and PaymentIntent) instead of running the checkout again.

const STORAGE_KEY = "marquee.checkout.v1";

export interface TCheckoutRequest {
  buyer: { name: string; email: string };
  voucherCode?: string;
}

export interface TCheckoutSession {
  idempotencyKey: string;
  orderId?: string;
  request?: TCheckoutRequest;
}

function readAll(): Record<string, TCheckoutSession> {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "{}") as unknown;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, TCheckoutSession>) : {};
  } catch {
    return {};
  }
}

function writeSession(holdId: string, session: TCheckoutSession | null): void {
  const all = readAll();
  if (session) all[holdId] = session;
  else delete all[holdId];
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
}

export const readCheckoutSession = (holdId: string): TCheckoutSession | null => readAll()[holdId] ?? null;

/** The hold's key, made on first use. */
export function checkoutKeyFor(holdId: string): string {
  const existing = readCheckoutSession(holdId);
  if (existing) return existing.idempotencyKey;
  const idempotencyKey = `checkout-${holdId}-${crypto.randomUUID()}`;
  writeSession(holdId, { idempotencyKey });
  return idempotencyKey;
}

/** After a refused checkout (bad voucher, price changed): the next attempt is a new request. */
export function renewCheckoutKey(holdId: string): string {
  const idempotencyKey = `checkout-${holdId}-${crypto.randomUUID()}`;
  writeSession(holdId, { ...readCheckoutSession(holdId), idempotencyKey });
  return idempotencyKey;
}

export const rememberCheckout = (holdId: string, orderId: string, request: TCheckoutRequest) =>
  writeSession(holdId, { idempotencyKey: readCheckoutSession(holdId)?.idempotencyKey ?? checkoutKeyFor(holdId), orderId, request });

export const forgetCheckout = (holdId: string) => writeSession(holdId, null);

// The order page tells "paid a moment ago, the webhook is on its way" from "not paid" by this
// tab's note that the card was accepted (sessionStorage: this tab only).
const paidKey = (orderId: string) => `marquee.payment-submitted.${orderId}`;

export const markPaymentSubmitted = (orderId: string) => window.sessionStorage.setItem(paidKey(orderId), String(Date.now()));

/** When this tab's card was accepted for the order (ms since epoch), or null. */
export function paymentSubmittedAt(orderId: string): number | null {
  const value = Number(window.sessionStorage.getItem(paidKey(orderId)));
  return Number.isFinite(value) && value > 0 ? value : null;
}
