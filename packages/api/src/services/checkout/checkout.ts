import { randomInt } from "node:crypto";
import { Prisma, type Db } from "@marquee/db";
import type Stripe from "stripe";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import type { RedisClient } from "../../lib/redis-client.ts";
import { rememberPurchaseTrace } from "../../observability/purchase-trace.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import type { TCheckoutInput, TCheckoutOutput } from "./checkout-schemas.ts";
import { ORDER_INCLUDE, toOrderOutput } from "./get-order.ts";
import { countTierSales, priceHold } from "./price-hold.ts";

export interface TCheckoutDeps {
  db: Db;
  stripe: Stripe | null;
  clock: Clock;
  /** Whoever is signed in when paying owns the order (not whoever was when the cart was made). */
  session?: { id: string } | null;
  /** Where the request's trace context is kept for the intent's webhook events (observability/purchase-trace.ts); the request context has them. */
  redis?: RedisClient;
  redisPrefix?: string;
}

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** A human order reference, e.g. MQ-7KX2-4PD9 (Crockford base32, 40 random bits). */
export const newOrderReference = () => `MQ-${Array.from({ length: 8 }, (_, i) => (i === 4 ? "-" : "") + ALPHABET[randomInt(32)]).join("")}`;

/** Stripe's Idempotency-Key for the order's PaymentIntent: one intent per order, whatever retries. */
export const paymentIntentKey = (orderId: string) => `marquee-order-${orderId}-payment-intent`;

const isUnique = (error: unknown, field: string) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && JSON.stringify(error.meta ?? {}).includes(field);

type THoldToPrice = {
  id: string;
  expiresAt: Date;
  eventId: string;
  items: { ticketTypeId: string; seatId: string | null; quantity: number }[];
  event: { organizationId: string; currency: string };
};

/**
 * The order for a hold in one transaction: priced lines, the pending order, its payment row, and
 * last the tiers' sold counts (a row every order of the type updates: locked only until commit).
 * Without a voucher, pricing only reads, so it runs before the transaction on the pool.
 */
async function createOrder(deps: TCheckoutDeps, cart: TResolvedCart, input: TCheckoutInput, hold: THoldToPrice, now: Date) {
  const price = (tx: Prisma.TransactionClient, parallelReads: boolean) =>
    priceHold(tx, {
      organizationId: hold.event.organizationId,
      eventId: hold.eventId,
      currency: hold.event.currency,
      items: hold.items.map((item) => ({ ticketTypeId: item.ticketTypeId, seatId: item.seatId, quantity: item.quantity })),
      holdId: hold.id,
      voucherCode: input.voucherCode,
      now,
      deferTierCounts: true,
      parallelReads,
    });
  const readOnlyPrice = input.voucherCode ? null : await price(deps.db, true);
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.db.$transaction(async (tx) => {
        // A voucher is redeemed under its row lock, so its pricing runs inside the transaction.
        const priced = readOnlyPrice ?? (await price(tx, false));
        if (priced.totalMinor <= 0) throw new AppError("CONFLICT", "Free orders are not supported yet.");
        const order = await tx.order.create({
          data: {
            reference: newOrderReference(),
            organizationId: hold.event.organizationId,
            eventId: hold.eventId,
            cartId: cart.id,
            holdId: hold.id,
            userId: deps.session?.id ?? null,
            voucherId: priced.voucherId,
            buyerName: input.buyer.name,
            buyerEmail: input.buyer.email,
            locale: input.locale,
            currency: priced.currency,
            subtotalMinor: priced.subtotalMinor,
            discountMinor: priced.discountMinor,
            taxMinor: priced.taxMinor,
            totalMinor: priced.totalMinor,
            // PENDING until the saga makes the sale final (seats and soldCount move with the lines
            // in one transaction); an ACTIVE line counts as sold.
            lines: { create: priced.lines.map((line) => ({ eventId: hold.eventId, ...line, status: "PENDING" as const })) },
            payments: { create: { amountMinor: priced.totalMinor, currency: priced.currency } },
          },
        });
        await countTierSales(tx, priced.lines);
        // What was just written, without reading it back: the lines as priced, the payment as created.
        return {
          ...order,
          lines: priced.lines,
          payments: [{ status: "CREATED" as const, providerPaymentId: null, failureCode: null, failureMessage: null }],
          hold: { expiresAt: hold.expiresAt },
        };
      });
    } catch (error) {
      // Another checkout of the same hold won: answer its order.
      if (isUnique(error, "holdId")) {
        const existing = await loadOrderOfHold(deps.db, hold.id);
        if (existing) return existing;
      }
      if (isUnique(error, "reference") && attempt < 3) continue;
      throw error;
    }
  }
}

const loadOrderOfHold = (db: Db, holdId: string) => db.order.findUnique({ where: { holdId }, include: ORDER_INCLUDE });

/**
 * `checkout` on a hold: a PENDING order priced from the hold (one per hold: checking out again
 * answers the same order) and a Stripe PaymentIntent with manual capture, created with an
 * Idempotency-Key derived from the order, so retries, concurrent requests and crashes between
 * the two steps still give one intent per order. The buyer confirms the intent (Stripe.js or
 * the SDK); the webhook moves the payment on (../payments/README.md).
 */
export async function checkout(deps: TCheckoutDeps, cart: TResolvedCart, input: TCheckoutInput): Promise<TCheckoutOutput> {
  if (!deps.stripe) throw new AppError("PAYMENTS_UNAVAILABLE", "Payments are not configured on this server.");
  const now = deps.clock.now();
  // The hold, its live items and its order if it has one, in one query.
  const hold = await deps.db.hold.findUnique({
    where: { id: input.holdId },
    include: {
      items: { where: { live: true } },
      event: { select: { id: true, organizationId: true, currency: true } },
      order: { include: ORDER_INCLUDE },
    },
  });
  // Checking out again answers the order, also once the hold has ended (it became the order).
  if (hold?.order && hold.order.cartId !== cart.id) throw new AppError("NOT_FOUND", "Hold not found.");
  if (!hold?.order) {
    if (!hold || hold.cartId !== cart.id) throw new AppError("NOT_FOUND", "Hold not found.");
    if (hold.status !== "ACTIVE" || hold.expiresAt <= now) throw new AppError("HOLD_EXPIRED", "This hold has ended; hold the tickets again.");
  }
  const order = hold!.order ?? (await createOrder(deps, cart, input, hold!, now));
  const payment = order.payments[0]!;
  const intent = payment.providerPaymentId
    ? await deps.stripe.paymentIntents.retrieve(payment.providerPaymentId)
    : await deps.stripe.paymentIntents.create(
        {
          amount: order.totalMinor,
          currency: order.currency.toLowerCase(),
          capture_method: "manual",
          description: `Marquee order ${order.reference}`,
          metadata: { orderId: order.id, reference: order.reference, eventId: order.eventId },
        },
        { idempotencyKey: paymentIntentKey(order.id) },
      );
  // Checkout creates one payment per order: the order's payment without an intent is it.
  if (!payment.providerPaymentId) {
    // Before the intent is stored: its events change nothing until it is, and must then find the trace.
    if (deps.redis && deps.redisPrefix !== undefined) await rememberPurchaseTrace(deps.redis, deps.redisPrefix, intent.id);
    await deps.db.payment.updateMany({ where: { orderId: order.id, providerPaymentId: null }, data: { providerPaymentId: intent.id } });
  }
  const output = toOrderOutput({ ...order, payments: [{ ...payment, providerPaymentId: intent.id }] });
  return { ...output, paymentIntentId: intent.id, clientSecret: intent.client_secret!, holdExpiresAt: order.hold!.expiresAt };
}
