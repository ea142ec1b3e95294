import type { Db } from "@marquee/db";
import { z } from "zod";
import type { Clock } from "../../clock.ts";
import { hashCartToken, newCartToken } from "./cart-token.ts";

export const CART_TTL_MS = 24 * 60 * 60 * 1000;

export const ZCreateCartOutput = z.object({
  cartId: z.uuid(),
  /** Shown once: the buyer sends it back as X-Cart-Token. */
  token: z.string(),
  expiresAt: z.date(),
});
export type TCreateCartOutput = z.infer<typeof ZCreateCartOutput>;

/** A new (guest or signed-in) cart; the token is returned once and only its hash is kept. */
export async function createCart(deps: { db: Db; clock: Clock }, userId: string | null): Promise<TCreateCartOutput> {
  const token = newCartToken();
  const expiresAt = new Date(deps.clock.now().getTime() + CART_TTL_MS);
  const cart = await deps.db.cart.create({ data: { tokenHash: hashCartToken(token), userId, expiresAt } });
  return { cartId: cart.id, token, expiresAt };
}
