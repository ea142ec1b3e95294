import type { Db } from "@marquee/db";
import { z } from "zod";

const ZRecordId = z.uuid();

/**
 * Whether an order with this id exists at all, whoever's it is: the order page answers 404 for
 * an id that names nothing, while reading the order stays the cart's (order.get) in the browser.
 */
export async function orderExists(db: Db, orderId: string): Promise<boolean> {
  if (!ZRecordId.safeParse(orderId).success) return false;
  return (await db.order.findUnique({ where: { id: orderId }, select: { id: true } })) !== null;
}

/** Whether a hold with this id exists at all (the checkout page's 404); hold.get stays the cart's. */
export async function holdExists(db: Db, holdId: string): Promise<boolean> {
  if (!ZRecordId.safeParse(holdId).success) return false;
  return (await db.hold.findUnique({ where: { id: holdId }, select: { id: true } })) !== null;
}
