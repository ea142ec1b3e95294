import type { Db, Prisma } from "@marquee/db";
import type Stripe from "stripe";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type TAuditActor } from "../audit/record-audit.ts";
import { sagaKey } from "../fulfilment/fulfil-order.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";

/**
 * Cancels an order nobody has paid for yet (PENDING, the card not authorised): its PaymentIntent is
 * cancelled at Stripe first, so a late confirmation cannot take money, then the order CANCELLED,
 * its lines and payment with it, price-tier and voucher counts released, audited as
 * `order.cancel`. Idempotent: an order this action already cancelled answers the same. A paid order
 * is refunded instead; an authorised one is being completed by the saga (both CONFLICT).
 */
export async function cancelPendingOrder(
  deps: { db: Db; clock: Clock; stripe: Stripe | null },
  input: { organizationId: string; orderId: string; reason: string; actor: TAuditActor },
): Promise<{ orderId: string; status: "CANCELLED" }> {
  const order = await deps.db.order.findFirst({
    where: { id: input.orderId, organizationId: input.organizationId },
    include: { payments: { orderBy: { createdAt: "desc" }, take: 1 }, lines: true },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found.");
  if (order.status === "CANCELLED") return { orderId: order.id, status: "CANCELLED" };
  if (order.status !== "PENDING") {
    throw new AppError(
      "CONFLICT",
      order.status === "EXPIRED" ? "This order has expired already." : "Only an unpaid order can be cancelled; refund a paid one.",
      {
        reason: "ORDER_NOT_CANCELLABLE",
        status: order.status,
      },
    );
  }
  const payment = order.payments[0];
  if (payment?.providerPaymentId) {
    if (!deps.stripe) throw new AppError("PAYMENTS_UNAVAILABLE", "Payments are not available right now; try again later.");
    const intent = await deps.stripe.paymentIntents.retrieve(payment.providerPaymentId);
    if (["requires_capture", "succeeded", "processing"].includes(intent.status))
      throw new AppError("CONFLICT", "The buyer's payment is going through; refund the order once it is paid.", { reason: "PAYMENT_IN_FLIGHT" });
    if (intent.status !== "canceled") await deps.stripe.paymentIntents.cancel(intent.id, {}, { idempotencyKey: sagaKey(order.id, "cancel") });
  }
  await deps.db.$transaction(async (tx: Prisma.TransactionClient) => {
    const hit = await tx.order.updateMany({ where: { id: order.id, status: "PENDING" }, data: { status: "CANCELLED", cancelledAt: deps.clock.now() } });
    if (hit.count === 0) throw new AppError("CONFLICT", "The order changed while it was being cancelled; reload it.", { reason: "ORDER_CHANGED" });
    await writeOutbox(tx, { topic: "order.cancelled", aggregateType: "order", aggregateId: order.id, payload: { orderId: order.id } });
    await tx.orderLine.updateMany({ where: { orderId: order.id, status: "PENDING" }, data: { status: "CANCELLED" } });
    if (payment) await tx.payment.updateMany({ where: { id: payment.id, status: { notIn: ["CAPTURED", "AUTHORIZED"] } }, data: { status: "CANCELLED" } });
    for (const line of order.lines) {
      if (line.priceTierId)
        await tx.$executeRaw`UPDATE "PriceTier" SET "soldCount" = GREATEST(0, "soldCount" - ${line.quantity}) WHERE id = ${line.priceTierId}::uuid`;
    }
    if (order.voucherId) await tx.$executeRaw`UPDATE "Voucher" SET "redeemedCount" = GREATEST(0, "redeemedCount" - 1) WHERE id = ${order.voucherId}::uuid`;
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "order.cancel",
      targetType: "order",
      targetId: order.id,
      data: { reason: input.reason, totalMinor: order.totalMinor },
    });
  });
  return { orderId: order.id, status: "CANCELLED" };
}
