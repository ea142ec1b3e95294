import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import type { TOrderOutput } from "./checkout-schemas.ts";

export const ORDER_INCLUDE = {
  lines: { orderBy: { id: "asc" } },
  payments: { orderBy: { createdAt: "desc" }, take: 1 },
  hold: { select: { expiresAt: true } },
} as const;

type TOrderRow = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

const loadOrder = (db: Db, orderId: string) => db.order.findUnique({ where: { id: orderId }, include: ORDER_INCLUDE });

export function toOrderOutput(order: TOrderRow): TOrderOutput {
  const payment = order.payments[0];
  return {
    id: order.id,
    reference: order.reference,
    eventId: order.eventId,
    status: order.status,
    buyerName: order.buyerName,
    buyerEmail: order.buyerEmail,
    currency: order.currency,
    subtotalMinor: order.subtotalMinor,
    discountMinor: order.discountMinor,
    taxMinor: order.taxMinor,
    totalMinor: order.totalMinor,
    lines: order.lines.map((line) => ({
      ticketTypeId: line.ticketTypeId,
      seatId: line.seatId,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      discountMinor: line.discountMinor,
      taxRateBp: line.taxRateBp,
      taxMinor: line.taxMinor,
      totalMinor: line.totalMinor,
    })),
    payment: payment ? { status: payment.status, paymentIntentId: payment.providerPaymentId, failureCode: payment.failureCode, failureMessage: payment.failureMessage } : null,
    createdAt: order.createdAt,
  };
}

/** The order of this cart (or of its signed-in account); any other is NOT_FOUND. */
export async function getOrder(deps: { db: Db }, cart: TResolvedCart, orderId: string): Promise<TOrderOutput> {
  const order = await loadOrder(deps.db, orderId);
  if (!order || !(order.cartId === cart.id || (cart.userId !== null && order.userId === cart.userId))) throw new AppError("NOT_FOUND", "Order not found.");
  return toOrderOutput(order);
}

export { loadOrder };
