import type { Db } from "@marquee/db";
import type { RedisClient } from "../../lib/redis-client.ts";
import Stripe from "stripe";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import type { RealtimePublisher } from "../../realtime/publisher.ts";
import { invalidateInventory } from "../booking/convert-hold.ts";
import { finalizeSale } from "../checkout/finalize-sale.ts";
import { refundForCancelledEvent } from "../organiser-event/cancel-event.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";
import { issueTickets } from "../tickets/issue-tickets.ts";
import { loadOrderTickets } from "../tickets/list-order-tickets.ts";
import { revokeTickets } from "../tickets/revoke-tickets.ts";
import type { TOrderDocuments } from "./order-documents.ts";

export interface TFulfilDeps {
  db: Db;
  redis: RedisClient;
  redisPrefix: string;
  clock: Clock;
  realtime?: RealtimePublisher | null;
  stripe: Stripe;
  ticketKeySecret: string;
  /** Invoice, credit note and e-mails: in process, or gRPC calls to the invoice and notification workers. */
  documents: TOrderDocuments;
  /** Jobs a step announces (a refund's wallet pass updates); absent: none are sent. */
  queues?: QueueClient | null;
}

export type TFulfilOutcome = "WAITING_FOR_PAYMENT" | "PAID" | "CANCELLED" | "EXPIRED";

/** Stripe Idempotency-Keys of the saga's writes: one per order and step. */
export const sagaKey = (orderId: string, step: "capture" | "cancel") => `marquee-order-${orderId}-${step}`;

async function loadOrder(db: Db, orderId: string) {
  const order = await db.order.findUnique({
    where: { id: orderId },
    include: { payments: { orderBy: { createdAt: "desc" }, take: 1 }, event: { include: { venue: true } }, lines: true },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found.");
  return order;
}
type TOrder = Awaited<ReturnType<typeof loadOrder>>;

/** Gives back what checkout counted for an order that will not be sold: price tier and voucher uses. */
async function releaseCounts(db: Db, order: TOrder): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const line of order.lines) {
      if (line.priceTierId)
        await tx.$executeRaw`UPDATE "PriceTier" SET "soldCount" = GREATEST(0, "soldCount" - ${line.quantity}) WHERE id = ${line.priceTierId}::uuid`;
    }
    if (order.voucherId) await tx.$executeRaw`UPDATE "Voucher" SET "redeemedCount" = GREATEST(0, "redeemedCount" - 1) WHERE id = ${order.voucherId}::uuid`;
  });
}

const CANCEL_REASON = {
  STOCK_GONE: "stock gone after a late payment",
  CAPTURE_FAILED: "payment capture failed",
  EVENT_CANCELLED: "event cancelled while paying",
} as const;

/** The sale cannot happen (stock gone, or the capture refused): no money is taken, nothing stays sold. */
async function cancelOrder(deps: TFulfilDeps, order: TOrder, reason: "STOCK_GONE" | "CAPTURE_FAILED" | "EVENT_CANCELLED"): Promise<void> {
  const payment = order.payments[0]!;
  if (payment.providerPaymentId) {
    const intent = await deps.stripe.paymentIntents.retrieve(payment.providerPaymentId);
    if (intent.status === "succeeded") {
      await deps.stripe.refunds.create({ payment_intent: intent.id }, { idempotencyKey: sagaKey(order.id, "cancel") });
    } else if (intent.status !== "canceled") {
      await deps.stripe.paymentIntents.cancel(intent.id, {}, { idempotencyKey: sagaKey(order.id, "cancel") });
    }
  }
  const now = deps.clock.now();
  const cancelled = await deps.db.$transaction(async (tx) => {
    const hit = await tx.order.updateMany({ where: { id: order.id, status: "PENDING" }, data: { status: "CANCELLED", cancelledAt: now } });
    if (hit.count === 0) return false;
    await writeOutbox(tx, { topic: "order.cancelled", aggregateType: "order", aggregateId: order.id, payload: { orderId: order.id } });
    // The buyer hears it from the event's cancellation notice, once, like every buyer of the event.
    if (reason === "EVENT_CANCELLED")
      await writeOutbox(tx, { topic: "event.cancelled-notice", aggregateType: "order", aggregateId: order.id, payload: { orderId: order.id } });
    // Lines that had become a sale give their stock back.
    const active = await tx.orderLine.findMany({ where: { orderId: order.id, status: "ACTIVE" } });
    for (const line of active) await tx.ticketType.update({ where: { id: line.ticketTypeId }, data: { soldCount: { decrement: line.quantity } } });
    await tx.orderLine.updateMany({ where: { orderId: order.id, status: { in: ["PENDING", "ACTIVE"] } }, data: { status: "CANCELLED" } });
    await tx.payment.updateMany({ where: { id: payment.id, status: { notIn: ["CAPTURED"] } }, data: { status: "CANCELLED" } });
    return active.length > 0;
  });
  const tickets = await loadOrderTickets(deps.db, order.id);
  if (tickets.length > 0)
    await revokeTickets(deps, {
      ticketIds: tickets.map((t) => t.id),
      reason: CANCEL_REASON[reason],
    });
  if (cancelled) await invalidateInventory(deps, order.eventId);
  await releaseCounts(deps.db, order);
  if (reason !== "EVENT_CANCELLED") await deps.documents.sendOrderEmail({ kind: "cancelled", orderId: order.id });
}

export interface TFulfilOptions {
  /**
   * false: stop once the order is PAID (tickets issued, money captured). The invoice and the
   * e-mail then come from the `order.paid` job (the outbox row written with PAID), so a buyer's
   * tickets and capture never wait behind other orders' PDFs. Default true: the whole saga.
   */
  documents?: boolean;
}

/**
 * The order saga, run after the payment is authorised (and again by anything that wants it done:
 * every step is idempotent, so a retry after a crash at any point finishes the work):
 *
 *   AUTHORIZED ─► finalizeSale ─► issueTickets ─► capture (Idempotency-Key per order) ─► PAID
 *              ─► invoice (gap-free number, PDF) ─► confirmation e-mail with both PDFs (once)
 *                 (in the workers a job of its own: `documents: false` here, then `order.paid`)
 *   STOCK_GONE (paid after expiry, seats taken) ─► cancel the authorisation ─► CANCELLED + e-mail
 *   capture refused ─► tickets revoked, stock back, CANCELLED + e-mail: never tickets without money
 *
 * Money is only captured after the tickets exist, and tickets only stay valid once it is.
 */
export async function fulfilOrder(deps: TFulfilDeps, orderId: string, options: TFulfilOptions = {}): Promise<TFulfilOutcome> {
  const order = await loadOrder(deps.db, orderId);
  if (order.status === "CANCELLED" || order.status === "EXPIRED") return order.status;
  if (order.status === "PENDING") {
    const payment = order.payments[0];
    if (!payment || !["AUTHORIZED", "CAPTURED"].includes(payment.status)) return "WAITING_FOR_PAYMENT";
    // The event was cancelled while the buyer paid: the authorisation is released, nothing is sold.
    if (order.event.status === "CANCELLED") {
      await cancelOrder(deps, order, "EVENT_CANCELLED");
      return "CANCELLED";
    }
    const outcome = await finalizeSale(deps, orderId);
    if (outcome === "STOCK_GONE") {
      await cancelOrder(deps, order, "STOCK_GONE");
      return "CANCELLED";
    }
    await issueTickets(deps, { orderId });
    if (payment.status !== "CAPTURED") {
      try {
        const captured = await deps.stripe.paymentIntents.capture(payment.providerPaymentId!, {}, { idempotencyKey: sagaKey(orderId, "capture") });
        await deps.db.payment.updateMany({
          where: { id: payment.id, status: { not: "CAPTURED" } },
          data: { status: "CAPTURED", capturedMinor: captured.amount_received },
        });
      } catch (error) {
        // Stripe said no (the authorisation expired or was cancelled); network errors are retried by the caller.
        if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError) {
          await cancelOrder(deps, order, "CAPTURE_FAILED");
          return "CANCELLED";
        }
        throw error;
      }
    }
    await deps.db.$transaction(async (tx) => {
      const paid = await tx.order.updateMany({ where: { id: orderId, status: "PENDING" }, data: { status: "PAID", paidAt: deps.clock.now() } });
      if (paid.count !== 1) return;
      // The live dashboard counts the sale from this event: written once, with the status change.
      await writeOutbox(tx, { topic: "order.paid", aggregateType: "order", aggregateId: orderId, payload: { orderId } });
      // Cancelling an event locks its row and its job then refunds the PAID orders; this share lock
      // orders the two, so an order paid as the event is cancelled is refunded here or by the job.
      const [event] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Event" WHERE id = ${order.eventId}::uuid FOR SHARE`;
      if (event?.status === "CANCELLED") await refundForCancelledEvent(tx, { orderId, organizationId: order.organizationId });
    });
  }
  // A box-office sale is PAID from the start (paid at the door): its tickets come here.
  if (order.channel === "BOX_OFFICE" && order.status === "PAID") await issueTickets(deps, { orderId });
  if (options.documents === false) return "PAID";
  await deps.documents.issueInvoice(orderId);
  await deps.documents.sendOrderEmail({ kind: "confirmation", orderId });
  return "PAID";
}

/**
 * A PENDING order nobody paid for (its hold ended long ago): the PaymentIntent is cancelled so a
 * late confirmation cannot take money, the order EXPIRED, its lines CANCELLED, the price-tier and
 * voucher counts released. Answers whether this call expired it. An intent Stripe already
 * authorised or captured is left to the saga.
 */
export async function expireUnpaidOrder(deps: TFulfilDeps, orderId: string): Promise<boolean> {
  const order = await loadOrder(deps.db, orderId);
  if (order.status !== "PENDING") return false;
  const payment = order.payments[0];
  if (payment?.providerPaymentId) {
    const intent = await deps.stripe.paymentIntents.retrieve(payment.providerPaymentId);
    if (["requires_capture", "succeeded", "processing"].includes(intent.status)) return false;
    if (intent.status !== "canceled") await deps.stripe.paymentIntents.cancel(intent.id, {}, { idempotencyKey: sagaKey(orderId, "cancel") });
  }
  const expired = await deps.db.$transaction(async (tx) => {
    const hit = await tx.order.updateMany({ where: { id: orderId, status: "PENDING" }, data: { status: "EXPIRED", cancelledAt: deps.clock.now() } });
    if (hit.count === 0) return false;
    await tx.orderLine.updateMany({ where: { orderId, status: "PENDING" }, data: { status: "CANCELLED" } });
    if (payment)
      await tx.payment.updateMany({ where: { id: payment.id, status: { in: ["CREATED", "FAILED", "REQUIRES_ACTION"] } }, data: { status: "CANCELLED" } });
    return true;
  });
  if (expired) await releaseCounts(deps.db, order);
  return expired;
}
