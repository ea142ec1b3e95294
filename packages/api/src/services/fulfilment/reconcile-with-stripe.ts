import type Stripe from "stripe";
import { applyStripeEvent, canMove, paymentStatusOf } from "../payments/apply-stripe-event.ts";
import { sagaKey, type TFulfilDeps } from "./fulfil-order.ts";

export interface TStripeCheckOptions {
  /** How far back Stripe's PaymentIntents are listed (default 48 h). */
  sinceMs?: number;
  /** Intents younger than this are left to their webhooks (default 60 s). */
  graceMs?: number;
  /** Only this event's orders. */
  eventId?: string;
}

export interface TStripeCheckResult {
  /** Orders whose payment status was behind Stripe's (a lost or late webhook), brought up to date. */
  synced: string[];
  /** Orders that will not be sold whose money Stripe still held: authorisation cancelled or refunded. */
  released: string[];
  /** Marquee intents (metadata.orderId) that hold money but have no payment row here: for a person. */
  unknown: string[];
}

const HOLDS_MONEY = new Set<Stripe.PaymentIntent.Status>(["requires_capture", "succeeded"]);

/**
 * The reconciler's check against Stripe's own listing: every recent PaymentIntent of ours is
 * compared with the payment and order here.
 *  - Stripe is ahead (a webhook was lost): the intent is applied as a webhook would be, which
 *    starts the saga (outbox `payment.authorized`) or lets the reconciler finish it.
 *  - Stripe holds money for an order that is CANCELLED or EXPIRED here: the authorisation is
 *    cancelled, or the payment refunded, with the saga's cancel Idempotency-Key (once).
 * So money held at Stripe always ends as a paid order with tickets or as money given back.
 */
export async function reconcileWithStripe(deps: TFulfilDeps, options: TStripeCheckOptions = {}): Promise<TStripeCheckResult> {
  const now = deps.clock.now().getTime();
  const result: TStripeCheckResult = { synced: [], released: [], unknown: [] };
  const since = Math.floor((now - (options.sinceMs ?? 48 * 3_600_000)) / 1_000);
  const youngest = (now - (options.graceMs ?? 60_000)) / 1_000;

  // One PostgreSQL query per page of Stripe's listing, not one per intent.
  let page: Stripe.PaymentIntent[] = [];
  const checkPage = async () => {
    const payments = await deps.db.payment.findMany({
      where: { providerPaymentId: { in: page.map((intent) => intent.id) } },
      include: { order: { select: { id: true, status: true, eventId: true } } },
    });
    const byIntent = new Map(payments.map((payment) => [payment.providerPaymentId, payment]));
    for (const intent of page) await checkIntent(deps, intent, byIntent.get(intent.id), options, result);
    page = [];
  };
  for await (const intent of deps.stripe.paymentIntents.list({ created: { gte: since }, limit: 100 })) {
    if (!intent.metadata?.orderId || intent.created > youngest) continue;
    page.push(intent);
    if (page.length === 100) await checkPage();
  }
  if (page.length > 0) await checkPage();
  return result;
}

/** What the check reads of a payment here. */
type TPaymentWithOrder = { status: Parameters<typeof canMove>[0]; order: { id: string; status: string; eventId: string } };

/** One intent of ours against its payment here: applied if Stripe is ahead, money released if the order is not sold. */
async function checkIntent(
  deps: TFulfilDeps,
  intent: Stripe.PaymentIntent,
  payment: TPaymentWithOrder | undefined,
  options: TStripeCheckOptions,
  result: TStripeCheckResult,
) {
  if (!payment) {
    if (HOLDS_MONEY.has(intent.status)) result.unknown.push(intent.id);
    return;
  }
  if (options.eventId && payment.order.eventId !== options.eventId) return;
  if (payment.order.status === "CANCELLED" || payment.order.status === "EXPIRED") {
    if (await releaseMoney(deps, intent, payment.order.id)) result.released.push(payment.order.id);
    return;
  }
  const next = paymentStatusOf(intent);
  if (next !== payment.status && canMove(payment.status, next)) {
    // The same path as a webhook (fetches the intent again, moves forward only, writes the outbox).
    const outcome = await applyStripeEvent(deps, {
      eventId: `reconcile:${intent.id}:${intent.status}`,
      type: "payment_intent.reconciled",
      objectId: intent.id,
    });
    if (outcome === next) result.synced.push(payment.order.id);
  }
}

/** Cancels or refunds what Stripe holds for an order that is not sold; answers whether it did. */
async function releaseMoney(deps: TFulfilDeps, intent: Stripe.PaymentIntent, orderId: string): Promise<boolean> {
  if (intent.status === "requires_capture") {
    await deps.stripe.paymentIntents.cancel(intent.id, {}, { idempotencyKey: sagaKey(orderId, "cancel") });
    return true;
  }
  if (intent.status !== "succeeded" || !intent.latest_charge) return false;
  const charge = typeof intent.latest_charge === "string" ? await deps.stripe.charges.retrieve(intent.latest_charge) : intent.latest_charge;
  const unrefunded = charge.amount_captured - charge.amount_refunded;
  if (unrefunded <= 0) return false;
  await deps.stripe.refunds.create(
    { payment_intent: intent.id, amount: unrefunded, metadata: { orderId, reason: "reconciler" } },
    { idempotencyKey: `marquee-order-${orderId}-release-${charge.amount_refunded}` },
  );
  return true;
}
