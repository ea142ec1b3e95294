import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { loadOrder, orderWithTickets } from "../checkout/get-order.ts";
import { listOrderRefunds } from "../refunds/refund-order.ts";
import type { TAccountOrderOutput } from "./account-order-schemas.ts";
import { ACCOUNT_ORDER_EVENT_SELECT } from "./list-account-orders.ts";

/** One of the signed-in buyer's orders as order.get shows it, with its event and refunds; anyone else's is NOT_FOUND. */
export async function getAccountOrder(deps: { db: Db; clock: Clock }, userId: string, orderId: string): Promise<TAccountOrderOutput> {
  const order = await loadOrder(deps.db, orderId);
  if (!order || order.userId !== userId) throw new AppError("NOT_FOUND", "Order not found.");
  const [output, event, refunds] = await Promise.all([
    orderWithTickets(deps, order),
    deps.db.event.findUniqueOrThrow({
      where: { id: order.eventId },
      select: { ...ACCOUNT_ORDER_EVENT_SELECT, ticketTypes: { select: { id: true, name: true }, orderBy: { sortOrder: "asc" } } },
    }),
    listOrderRefunds(deps.db, { organizationId: order.organizationId, orderId: order.id }),
  ]);
  return { ...output, event, refunds };
}
