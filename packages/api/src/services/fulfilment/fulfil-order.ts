import { orderConfirmationEmail, paidAfterExpiryEmail, renderTicketPdf, type TLocale } from "@marquee/documents";
import type { Db } from "@marquee/db";
import type { Redis } from "ioredis";
import Stripe from "stripe";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import type { RealtimePublisher } from "../../realtime/publisher.ts";
import { invalidateInventory } from "../booking/convert-hold.ts";
import { finalizeSale } from "../checkout/finalize-sale.ts";
import type { FileStore } from "../files/file-store.ts";
import { getInvoicePdf } from "../invoice/invoice-pdf.ts";
import { issueInvoice } from "../invoice/issue-invoice.ts";
import { postalAddress } from "../invoice/build-invoice-snapshot.ts";
import type { Mailer } from "../mail/create-mailer.ts";
import { MAIL_SENT, sendMailOnce } from "../mail/send-mail-once.ts";
import { issueTickets } from "../tickets/issue-tickets.ts";
import { loadOrderTickets } from "../tickets/list-order-tickets.ts";
import { revokeTickets } from "../tickets/revoke-tickets.ts";
import type { TOrderTicket } from "../tickets/types.ts";

export interface TFulfilDeps {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  clock: Clock;
  realtime?: RealtimePublisher | null;
  stripe: Stripe;
  files: FileStore;
  mailer: Mailer;
  ticketKeySecret: string;
  /** The web app's public origin, for links in e-mails. */
  webUrl: string;
}

export type TFulfilOutcome = "WAITING_FOR_PAYMENT" | "PAID" | "CANCELLED" | "EXPIRED";

/** Stripe Idempotency-Keys of the saga's writes: one per order and step. */
export const sagaKey = (orderId: string, step: "capture" | "cancel") => `marquee-order-${orderId}-${step}`;

const locale = (value: string): TLocale => (value === "de" ? "de" : "en");

async function loadOrder(db: Db, orderId: string) {
  const order = await db.order.findUnique({
    where: { id: orderId },
    include: { payments: { orderBy: { createdAt: "desc" }, take: 1 }, event: { include: { venue: true } }, lines: true },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found.");
  return order;
}
type TOrder = Awaited<ReturnType<typeof loadOrder>>;

const emailEvent = (order: TOrder) => ({ name: order.event.name, startsAt: order.event.startsAt, timeZone: order.event.timezone, venueName: order.event.venue.name });
const emailTickets = (tickets: TOrderTicket[]) =>
  tickets.map((t) => ({ typeName: t.ticketTypeName, seat: t.seat ? { section: t.seat.section, row: t.seat.row, seat: t.seat.seat } : undefined, holderName: t.holderName ?? undefined, shortCode: t.shortCode }));

/** Gives back what checkout counted for an order that will not be sold: price tier and voucher uses. */
async function releaseCounts(db: Db, order: TOrder): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const line of order.lines) {
      if (line.priceTierId) await tx.$executeRaw`UPDATE "PriceTier" SET "soldCount" = GREATEST(0, "soldCount" - ${line.quantity}) WHERE id = ${line.priceTierId}::uuid`;
    }
    if (order.voucherId) await tx.$executeRaw`UPDATE "Voucher" SET "redeemedCount" = GREATEST(0, "redeemedCount" - 1) WHERE id = ${order.voucherId}::uuid`;
  });
}

/** The sale cannot happen (stock gone, or the capture refused): no money is taken, nothing stays sold. */
async function cancelOrder(deps: TFulfilDeps, order: TOrder, reason: "STOCK_GONE" | "CAPTURE_FAILED"): Promise<void> {
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
    // Lines that had become a sale give their stock back.
    const active = await tx.orderLine.findMany({ where: { orderId: order.id, status: "ACTIVE" } });
    for (const line of active) await tx.ticketType.update({ where: { id: line.ticketTypeId }, data: { soldCount: { decrement: line.quantity } } });
    await tx.orderLine.updateMany({ where: { orderId: order.id, status: { in: ["PENDING", "ACTIVE"] } }, data: { status: "CANCELLED" } });
    await tx.payment.updateMany({ where: { id: payment.id, status: { notIn: ["CAPTURED"] } }, data: { status: "CANCELLED" } });
    return active.length > 0;
  });
  const tickets = await loadOrderTickets(deps.db, order.id);
  if (tickets.length > 0) await revokeTickets(deps, { ticketIds: tickets.map((t) => t.id), reason: reason === "STOCK_GONE" ? "stock gone after a late payment" : "payment capture failed" });
  if (cancelled) await invalidateInventory(deps, order.eventId);
  await releaseCounts(deps.db, order);
  await sendMailOnce(deps, {
    key: `order-cancelled:${order.id}`,
    to: order.buyerEmail,
    template: paidAfterExpiryEmail({
      locale: locale(order.locale),
      outcome: "refunded",
      buyerName: order.buyerName,
      orderReference: order.reference,
      event: emailEvent(order),
      amountMinor: order.totalMinor,
      currency: order.currency,
      eventUrl: new URL(`/events/${order.eventId}`, deps.webUrl).toString(),
    }),
  });
}

/** The confirmation e-mail's once-only key is this prefix + the order id. */
export const CONFIRMATION_KEY_PREFIX = "order-confirmation:";

/** Confirmation e-mail with the tickets PDF and the invoice PDF; once per order. */
async function sendConfirmation(deps: TFulfilDeps, order: TOrder): Promise<void> {
  const key = `${CONFIRMATION_KEY_PREFIX}${order.id}`;
  // Already sent: nothing to render.
  if (await deps.db.processedMessage.findUnique({ where: { consumer_messageId: { consumer: MAIL_SENT, messageId: key } } })) return;
  const invoice = await issueInvoice(deps, { orderId: order.id });
  const tickets = (await loadOrderTickets(deps.db, order.id)).filter((t) => t.status === "VALID");
  const ticketsPdf = await renderTicketPdf({
    locale: locale(order.locale),
    currency: order.currency,
    order: { reference: order.reference, buyerName: order.buyerName },
    event: {
      name: order.event.name,
      startsAt: order.event.startsAt,
      doorsAt: order.event.doorsAt ?? undefined,
      timeZone: order.event.timezone,
      venue: { name: order.event.venue.name, address: postalAddress(`${order.event.venue.address ?? ""}\n${order.event.venue.city}`, order.event.venue.country, locale(order.locale)) },
    },
    tickets: tickets.map((t) => ({ typeName: t.ticketTypeName, seat: t.seat ? { section: t.seat.section, row: t.seat.row, seat: t.seat.seat } : undefined, holderName: t.holderName ?? undefined, shortCode: t.shortCode, signedCode: t.signedCode })),
  });
  const invoicePdf = await getInvoicePdf(deps, { invoiceId: invoice.id });
  await sendMailOnce(deps, {
    key,
    to: order.buyerEmail,
    template: orderConfirmationEmail({
      locale: locale(order.locale),
      buyerName: order.buyerName,
      orderReference: order.reference,
      event: emailEvent(order),
      tickets: emailTickets(tickets),
      totalMinor: order.totalMinor,
      currency: order.currency,
      orderUrl: new URL(`/orders/${order.id}`, deps.webUrl).toString(),
      invoiceAttached: true,
    }),
    attachments: [
      { filename: `tickets-${order.reference}.pdf`, content: ticketsPdf, contentType: "application/pdf" },
      { filename: `invoice-${invoice.displayNumber}.pdf`, content: invoicePdf, contentType: "application/pdf" },
    ],
  });
}

/**
 * The order saga, run after the payment is authorised (and again by anything that wants it done:
 * every step is idempotent, so a retry after a crash at any point finishes the work):
 *
 *   AUTHORIZED ─► finalizeSale ─► issueTickets ─► capture (Idempotency-Key per order) ─► PAID
 *              ─► invoice (gap-free number, PDF) ─► confirmation e-mail with both PDFs (once)
 *   STOCK_GONE (paid after expiry, seats taken) ─► cancel the authorisation ─► CANCELLED + e-mail
 *   capture refused ─► tickets revoked, stock back, CANCELLED + e-mail: never tickets without money
 *
 * Money is only captured after the tickets exist, and tickets only stay valid once it is.
 */
export async function fulfilOrder(deps: TFulfilDeps, orderId: string): Promise<TFulfilOutcome> {
  let order = await loadOrder(deps.db, orderId);
  if (order.status === "CANCELLED" || order.status === "EXPIRED") return order.status;
  if (order.status === "PENDING") {
    const payment = order.payments[0];
    if (!payment || !["AUTHORIZED", "CAPTURED"].includes(payment.status)) return "WAITING_FOR_PAYMENT";
    const outcome = await finalizeSale(deps, orderId);
    if (outcome === "STOCK_GONE") {
      await cancelOrder(deps, order, "STOCK_GONE");
      return "CANCELLED";
    }
    await issueTickets(deps, { orderId });
    if (payment.status !== "CAPTURED") {
      try {
        const captured = await deps.stripe.paymentIntents.capture(payment.providerPaymentId!, {}, { idempotencyKey: sagaKey(orderId, "capture") });
        await deps.db.payment.updateMany({ where: { id: payment.id, status: { not: "CAPTURED" } }, data: { status: "CAPTURED", capturedMinor: captured.amount_received } });
      } catch (error) {
        // Stripe said no (the authorisation expired or was cancelled); network errors are retried by the caller.
        if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError) {
          await cancelOrder(deps, order, "CAPTURE_FAILED");
          return "CANCELLED";
        }
        throw error;
      }
    }
    await deps.db.order.updateMany({ where: { id: orderId, status: "PENDING" }, data: { status: "PAID", paidAt: deps.clock.now() } });
    order = await loadOrder(deps.db, orderId);
  }
  await sendConfirmation(deps, order);
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
    if (payment) await tx.payment.updateMany({ where: { id: payment.id, status: { in: ["CREATED", "FAILED", "REQUIRES_ACTION"] } }, data: { status: "CANCELLED" } });
    return true;
  });
  if (expired) await releaseCounts(deps.db, order);
  return expired;
}
