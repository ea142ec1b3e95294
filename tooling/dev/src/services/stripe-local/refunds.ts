// Refunds of a captured PaymentIntent (or charge): full or partial, several partials up to the
// captured amount. Refunds succeed at once, as Stripe's test cards do.
import type { FormParams } from "./form.ts";
import { invalidParam, invalidRequest, nowSeconds, resourceMissing, stripeId, type Charge, type Refund } from "./objects.ts";
import { allowOnly, enumParam, integerParam, metadataParam, stringParam } from "./params.ts";
import { findPaymentIntent } from "./payment-intents.ts";
import type { RequestContext, StripeStore } from "./store.ts";

const REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;

const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;

function chargeToRefund(store: StripeStore, params: FormParams): Charge {
  const paymentIntentId = stringParam(params, "payment_intent");
  const chargeId = stringParam(params, "charge");
  if (paymentIntentId === undefined && chargeId === undefined)
    throw invalidParam("One of the following params should be provided for this request: payment_intent or charge.", { code: "parameter_missing" });
  if (chargeId !== undefined) {
    const charge = store.charges.get(chargeId);
    if (!charge) throw resourceMissing("charge", chargeId, "charge");
    return charge;
  }
  const intent = findPaymentIntent(store, paymentIntentId!);
  const charge = intent.latest_charge ? store.charges.get(intent.latest_charge) : undefined;
  if (!charge || intent.status !== "succeeded") {
    throw invalidRequest(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, { param: "payment_intent" });
  }
  return charge;
}

export function createRefund(store: StripeStore, context: RequestContext, params: FormParams): Refund {
  allowOnly(params, ["payment_intent", "charge", "amount", "reason", "metadata", "expand", "instructions_email", "refund_application_fee", "reverse_transfer"]);
  const requested = integerParam(params, "amount", 1);
  const reason = enumParam(params, "reason", REASONS) ?? null;
  const charge = chargeToRefund(store, params);
  if (!charge.captured || charge.status !== "succeeded") {
    throw invalidRequest(`Charge ${charge.id} has not been captured; cancel the PaymentIntent to release it instead.`, {
      code: "charge_not_refundable",
      charge: charge.id,
    });
  }
  const refundable = charge.amount_captured - charge.amount_refunded;
  if (refundable === 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded", charge: charge.id });
  const amount = requested ?? refundable;
  if (amount > refundable) {
    throw invalidRequest(
      `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(refundable, charge.currency)})`,
      { param: "amount" },
    );
  }
  const refund: Refund = {
    id: stripeId("re"),
    object: "refund",
    amount,
    charge: charge.id,
    created: nowSeconds(context.now),
    currency: charge.currency,
    metadata: metadataParam(params),
    payment_intent: charge.payment_intent,
    reason,
    status: "succeeded",
  };
  store.refunds.set(refund.id, refund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  store.emit(context, "refund.created", refund);
  store.emit(context, "charge.refunded", charge, previous);
  return refund;
}

export function findRefund(store: StripeStore, id: string): Refund {
  const refund = store.refunds.get(id);
  if (!refund) throw resourceMissing("refund", id, "refund");
  return refund;
}

export function updateRefund(store: StripeStore, context: RequestContext, id: string, params: FormParams): Refund {
  const refund = findRefund(store, id);
  allowOnly(params, ["metadata", "expand"]);
  const previous = { metadata: { ...refund.metadata } };
  refund.metadata = metadataParam(params, refund.metadata);
  store.emit(context, "refund.updated", refund, previous);
  return refund;
}
