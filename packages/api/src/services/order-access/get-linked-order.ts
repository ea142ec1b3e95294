import type { Db } from "@marquee/db";
import type { TLocale } from "@marquee/documents/locale";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { loadOrder, orderWithTickets } from "../checkout/get-order.ts";
import type { TOrderOutput } from "../checkout/checkout-schemas.ts";
import { checkOrderAccessToken } from "./order-link.ts";

/**
 * The order an e-mailed link opens (no session, no cart): its tickets and document links. An
 * unknown order, a token for another order or address, a tampered or an expired token all answer
 * the same LINK_EXPIRED, so a link reveals nothing but the order it was made for.
 */
export async function getLinkedOrder(
  deps: { db: Db; clock: Clock },
  orderId: string,
  token: string | null | undefined,
  locale?: TLocale,
): Promise<TOrderOutput> {
  const order = token ? await loadOrder(deps.db, orderId) : null;
  const check = order ? checkOrderAccessToken(token, order, deps.clock.now()) : null;
  if (!order || !check?.ok) throw new AppError("LINK_EXPIRED", "This order link has expired or is not valid. Ask for a new one with Find my order.");
  return orderWithTickets(deps, order, locale);
}
