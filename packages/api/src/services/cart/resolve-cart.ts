import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { hashCartToken } from "./cart-token.ts";

export interface TResolvedCart {
  id: string;
  userId: string | null;
  expiresAt: Date;
}

// Tokens are 43 base64url characters; anything far off is not worth a database round trip.
const PLAUSIBLE_TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

/** The hash a cart is looked up by, or null for a token not worth a database round trip. */
export const cartTokenHashOf = (token: string | null | undefined): string | null => (token && PLAUSIBLE_TOKEN.test(token) ? hashCartToken(token) : null);

export const cartRequired = () => new AppError("CART_REQUIRED", "A valid cart token (X-Cart-Token) is required; create a cart first.");

/** The unexpired cart for a bearer token, or null. */
export async function resolveCart(deps: { db: Db; clock: Clock }, token: string | null | undefined): Promise<TResolvedCart | null> {
  const tokenHash = cartTokenHashOf(token);
  if (!tokenHash) return null;
  const cart = await deps.db.cart.findUnique({
    where: { tokenHash },
    select: { id: true, userId: true, expiresAt: true },
  });
  if (!cart || cart.expiresAt.getTime() <= deps.clock.now().getTime()) return null;
  return cart;
}

/** Like resolveCart, but a missing, unknown or expired token is a CART_REQUIRED error. */
export async function requireCart(deps: { db: Db; clock: Clock }, token: string | null | undefined): Promise<TResolvedCart> {
  const cart = await resolveCart(deps, token);
  if (!cart) throw cartRequired();
  return cart;
}

/**
 * Whether the requester may read an order. A guest order (placed signed out) is read by its cart.
 * An order placed while signed in belongs to that account: it is read next to a live session of
 * the same account, whichever cart the browser holds now (the order may have been paid under an
 * earlier cart, or in another browser), and once the session ends (sign-out, sign-out everywhere,
 * password or role change) a cart token alone reads nothing.
 */
export function cartMayReadOrder(cart: TResolvedCart | null, sessionUserId: string | null, order: { cartId: string | null; userId: string | null }): boolean {
  if (order.userId === null) return cart !== null && order.cartId === cart.id;
  return sessionUserId === order.userId;
}
