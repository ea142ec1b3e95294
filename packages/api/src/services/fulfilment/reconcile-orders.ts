import type { TFulfilDeps, TFulfilOutcome } from "./fulfil-order.ts";
import { MAIL_SENT } from "../mail/send-mail-once.ts";
import { auditOrders, type TOrderAudit } from "./audit-orders.ts";
import { reconcileWithStripe, type TStripeCheckResult } from "./reconcile-with-stripe.ts";
import { completeRefund } from "../refunds/refund-order.ts";
import { expireUnpaidOrder, fulfilOrder } from "./fulfil-order.ts";
import { CONFIRMATION_KEY_PREFIX } from "./order-documents.ts";

/** The periodic audit looks at two days of orders, so its cost does not grow with the history. */
const AUDIT_WINDOW_MS = 48 * 3_600_000;

export interface TReconcileOptions {
  /** Orders whose last change is older than this are looked at (the saga's own job has had its chance). */
  graceMs?: number;
  /** A PENDING order without an authorised payment this long after its hold ended is expired. */
  unpaidAfterMs?: number;
  batch?: number;
  /** Only these events' orders (an operator's targeted run; tests sharing a database). */
  eventId?: string;
}

export interface TReconcileResult {
  /** Orders the saga finished or cancelled. */
  finished: Record<string, TFulfilOutcome>;
  /** PENDING orders nobody paid for, expired. */
  expired: string[];
  /** Refunds a crash left PENDING (or without their credit note and e-mail), completed. */
  refunds: string[];
  /** The check against Stripe's listing: payments brought up to date, money released, unknown intents. */
  stripe: TStripeCheckResult;
  /** The invariants checked after the repairs (orders older than the grace period). */
  audit: TOrderAudit;
}

/**
 * The reconciler (the payment worker runs it every minute): whatever a crash or a lost job left
 * behind is finished, so no money is held without tickets and no order hangs.
 *  - Stripe's listing of recent PaymentIntents against ours (reconcileWithStripe): lost webhooks
 *    applied, money held for cancelled or expired orders released.
 *  - PENDING orders whose payment is AUTHORIZED or CAPTURED: the saga runs (again).
 *  - PAID orders of the last day whose confirmation e-mail is not marked sent: the saga runs
 *    again (invoice and e-mail are once-only, so only the missing work happens).
 *  - PENDING orders with no authorised payment, whose hold ended long enough ago: expired, the
 *    PaymentIntent cancelled, counts released.
 *  - Refunds a crash left PENDING: completed (the Stripe refund's Idempotency-Key makes it one);
 *    completed refunds of the last day whose e-mail is not marked sent: credit note and e-mail again (once-only).
 *  - Then it audits the invariants (auditOrders) and reports what it could not repair.
 */
export async function reconcileOrders(deps: TFulfilDeps, options: TReconcileOptions = {}): Promise<TReconcileResult> {
  const now = deps.clock.now().getTime();
  const before = new Date(now - (options.graceMs ?? 60_000));
  const batch = options.batch ?? 200;
  const result: Omit<TReconcileResult, "audit" | "stripe"> = { finished: {}, expired: [], refunds: [] };
  // First Stripe's view: a payment a lost webhook left behind is then finished below.
  const stripe = await reconcileWithStripe(deps, { eventId: options.eventId, graceMs: options.graceMs });

  const stuck = await deps.db.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM "Order" o
    WHERE o."updatedAt" < ${before}
      AND (${options.eventId ?? null}::uuid IS NULL OR o."eventId" = ${options.eventId ?? null}::uuid)
      AND (
        (o.status = 'PENDING' AND EXISTS (SELECT 1 FROM "Payment" p WHERE p."orderId" = o.id AND p.status IN ('AUTHORIZED', 'CAPTURED')))
        OR (o.status = 'PAID' AND o."paidAt" > ${new Date(now - 24 * 3_600_000)}
            AND ((o."buyerEmail" <> '' AND NOT EXISTS (SELECT 1 FROM "ProcessedMessage" m WHERE m.consumer = ${MAIL_SENT} AND m."messageId" = ${CONFIRMATION_KEY_PREFIX} || o.id::text))
              -- A box-office sale without an address gets no e-mail: done once it has its invoice.
              OR (o."buyerEmail" = '' AND NOT EXISTS (SELECT 1 FROM "Invoice" i WHERE i."orderId" = o.id AND i.kind = 'INVOICE'))))
      )
    ORDER BY o."updatedAt"
    LIMIT ${batch}`;
  for (const order of stuck) result.finished[order.id] = await fulfilOrder(deps, order.id);

  const abandoned = await deps.db.order.findMany({
    where: {
      status: "PENDING",
      ...(options.eventId ? { eventId: options.eventId } : {}),
      payments: { none: { status: { in: ["AUTHORIZED", "CAPTURED", "REQUIRES_ACTION"] } } },
      hold: { status: { not: "ACTIVE" }, endedAt: { lt: new Date(now - (options.unpaidAfterMs ?? 30 * 60_000)) } },
    },
    select: { id: true },
    take: batch,
  });
  for (const order of abandoned) if (await expireUnpaidOrder(deps, order.id)) result.expired.push(order.id);

  // Refunds a crash left PENDING, and completed ones of the last day whose e-mail never went out.
  const pendingRefunds = await deps.db.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "Refund" r JOIN "Order" o ON o.id = r."orderId"
    WHERE r."updatedAt" < ${before}
      AND (${options.eventId ?? null}::uuid IS NULL OR o."eventId" = ${options.eventId ?? null}::uuid)
      AND (
        r.status = 'PENDING'
        OR (r.status = 'SUCCEEDED' AND r."updatedAt" > ${new Date(now - 24 * 3_600_000)}
            AND NOT EXISTS (SELECT 1 FROM "ProcessedMessage" m WHERE m.consumer = ${MAIL_SENT} AND m."messageId" = 'refund:' || r.id::text))
      )
    ORDER BY r."updatedAt"
    LIMIT ${batch}`;
  for (const refund of pendingRefunds) {
    await completeRefund(deps, refund.id);
    result.refunds.push(refund.id);
  }
  // What is still wrong after the repairs is for people: the payment worker logs it as an error.
  const audit = await auditOrders(deps.db, { eventId: options.eventId, graceMs: options.graceMs ?? 60_000, sinceMs: AUDIT_WINDOW_MS, now: deps.clock.now() });
  return { ...result, stripe, audit };
}
