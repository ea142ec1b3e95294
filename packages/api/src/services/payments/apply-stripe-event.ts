import { Prisma, type Db } from "@marquee/db";
import type Stripe from "stripe";
import { writeOutbox } from "../outbox/write-outbox.ts";
import type { TStripeEventPayload } from "../../jobs/definitions.ts";

type TPaymentStatus = "CREATED" | "REQUIRES_ACTION" | "AUTHORIZED" | "CAPTURED" | "CANCELLED" | "FAILED";

/** Where a payment may go from each status. Terminal: CAPTURED, CANCELLED. A FAILED attempt may be retried with another card. */
const NEXT: Record<TPaymentStatus, readonly TPaymentStatus[]> = {
  CREATED: ["REQUIRES_ACTION", "AUTHORIZED", "FAILED", "CANCELLED", "CAPTURED"],
  REQUIRES_ACTION: ["AUTHORIZED", "FAILED", "CANCELLED", "CAPTURED"],
  FAILED: ["REQUIRES_ACTION", "AUTHORIZED", "CANCELLED", "CAPTURED"],
  AUTHORIZED: ["CAPTURED", "CANCELLED"],
  CAPTURED: [],
  CANCELLED: [],
};

export const canMove = (from: TPaymentStatus, to: TPaymentStatus) => NEXT[from].includes(to);

/** Our status for a PaymentIntent as Stripe has it now. */
export function paymentStatusOf(intent: Stripe.PaymentIntent): TPaymentStatus {
  switch (intent.status) {
    case "requires_action":
      return "REQUIRES_ACTION";
    case "requires_capture":
      return "AUTHORIZED";
    case "succeeded":
      return "CAPTURED";
    case "canceled":
      return "CANCELLED";
    case "requires_payment_method":
      return intent.last_payment_error ? "FAILED" : "CREATED";
    default:
      // requires_confirmation, processing
      return "CREATED";
  }
}

export interface TApplyStripeEventDeps {
  db: Db;
  stripe: Stripe;
}

export type TApplyOutcome = "DUPLICATE" | "IGNORED" | "UNKNOWN_PAYMENT" | "UNCHANGED" | TPaymentStatus;

const CONSUMER = "stripe-event";

/**
 * The payment worker's handler for one Stripe event (at least once, in any order). Each event id
 * is applied once (ProcessedMessage, in the same transaction as the change). The PaymentIntent is
 * fetched again, so the status written is Stripe's current one whatever order events arrive in,
 * and a payment only moves forward (a late `requires_action` after `requires_capture` changes
 * nothing). Reaching AUTHORIZED writes `payment.authorized` to the outbox in the same transaction,
 * which starts the order saga. Answers what happened.
 */
export async function applyStripeEvent(deps: TApplyStripeEventDeps, payload: TStripeEventPayload): Promise<TApplyOutcome> {
  const seen = await deps.db.processedMessage.findUnique({ where: { consumer_messageId: { consumer: CONSUMER, messageId: payload.eventId } } });
  if (seen) return "DUPLICATE";
  const intentId = payload.objectId?.startsWith("pi_") ? payload.objectId : null;
  // Fetched before the transaction (no connection held over a network call).
  const intent = intentId ? await deps.stripe.paymentIntents.retrieve(intentId) : null;
  try {
    return await deps.db.$transaction(async (tx) => {
      await tx.processedMessage.create({ data: { consumer: CONSUMER, messageId: payload.eventId } });
      if (!intent) return "IGNORED";
      const payment = await tx.payment.findUnique({ where: { providerPaymentId: intent.id } });
      if (!payment) return "UNKNOWN_PAYMENT";
      const next = paymentStatusOf(intent);
      if (next === payment.status || !canMove(payment.status, next)) return "UNCHANGED";
      const error = intent.last_payment_error;
      const moved = await tx.payment.updateMany({
        // Conditional on the status read: a concurrent job for another event of the same intent
        // cannot be overwritten with an older view.
        where: { id: payment.id, status: payment.status },
        data: {
          status: next,
          capturedMinor: intent.amount_received ?? 0,
          failureCode: next === "FAILED" ? (error?.decline_code ?? error?.code ?? "failed") : null,
          failureMessage: next === "FAILED" ? (error?.message ?? null) : null,
        },
      });
      if (moved.count === 1 && next === "AUTHORIZED") {
        // In the same transaction: the saga starts exactly when this change commits.
        await writeOutbox(tx, {
          topic: "payment.authorized",
          aggregateType: "Order",
          aggregateId: payment.orderId,
          payload: { orderId: payment.orderId, paymentIntentId: intent.id },
        });
      }
      return moved.count === 1 ? next : "UNCHANGED";
    });
  } catch (error) {
    // Another delivery of the same event committed first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "DUPLICATE";
    throw error;
  }
}
