import { randomInt } from "node:crypto";
import { Prisma, type Db } from "@marquee/db";
import type Stripe from "stripe";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import type { TCheckoutInput, TCheckoutOutput } from "./checkout-schemas.ts";
import { loadOrder, toOrderOutput } from "./get-order.ts";
import { priceHold } from "./price-hold.ts";

export interface TCheckoutDeps {
  db: Db;
  stripe: Stripe | null;
  clock: Clock;
  /** Whoever is signed in when paying owns the order (not whoever was when the cart was made). */
  session?: { id: string } | null;
}

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** A human order reference, e.g. MQ-7KX2-4PD9 (Crockford base32, 40 random bits). */
export const newOrderReference = () => `MQ-${Array.from({ length: 8 }, (_, i) => (i === 4 ? "-" : "") + ALPHABET[randomInt(32)]).join("")}`;

/** Stripe's Idempotency-Key for the order's PaymentIntent: one intent per order, whatever retries. */
export const paymentIntentKey = (orderId: string) => `marquee-order-${orderId}-payment-intent`;

const isUnique = (error: unknown, field: string) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && JSON.stringify(error.meta ?? {}).includes(field);

/** The order for a hold in one transaction: priced lines, the pending order, its payment row. */
async function createOrder(deps: TCheckoutDeps, cart: TResolvedCart, input: TCheckoutInput, now: Date) {
  const hold = await deps.db.hold.findUnique({
    where: { id: input.holdId },
    include: { items: { where: { live: true } }, event: { select: { id: true, organizationId: true, currency: true } } },
  });
  if (!hold || hold.cartId !== cart.id) throw new AppError("NOT_FOUND", "Hold not found.");
  if (hold.status !== "ACTIVE" || hold.expiresAt <= now) throw new AppError("HOLD_EXPIRED", "This hold has ended; hold the tickets again.");
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.db.$transaction(async (tx) => {
        const priced = await priceHold(tx, {
          organizationId: hold.event.organizationId,
          eventId: hold.eventId,
          currency: hold.event.currency,
          items: hold.items.map((item) => ({ ticketTypeId: item.ticketTypeId, seatId: item.seatId, quantity: item.quantity })),
          holdId: hold.id,
          voucherCode: input.voucherCode,
          now,
        });
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
        return order.id;
      });
    } catch (error) {
      // Another checkout of the same hold won: answer its order.
      if (isUnique(error, "holdId")) {
        const existing = await deps.db.order.findUnique({ where: { holdId: hold.id }, select: { id: true } });
        if (existing) return existing.id;
      }
      if (isUnique(error, "reference") && attempt < 3) continue;
      throw error;
    }
  }
}

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
  const existing = await deps.db.order.findUnique({ where: { holdId: input.holdId }, select: { id: true, cartId: true } });
  if (existing && existing.cartId !== cart.id) throw new AppError("NOT_FOUND", "Hold not found.");
  const orderId = existing?.id ?? (await createOrder(deps, cart, input, now));
  const order = (await loadOrder(deps.db, orderId))!;
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
  if (!payment.providerPaymentId) {
    await deps.db.payment.updateMany({ where: { id: payment.id, providerPaymentId: null }, data: { providerPaymentId: intent.id } });
  }
  const output = toOrderOutput({ ...order, payments: [{ ...payment, providerPaymentId: intent.id }] });
  return { ...output, paymentIntentId: intent.id, clientSecret: intent.client_secret!, holdExpiresAt: order.hold!.expiresAt };
}
