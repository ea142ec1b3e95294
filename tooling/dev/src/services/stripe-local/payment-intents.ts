// PaymentIntents: create, list, retrieve, update, confirm, capture, cancel, and the test-only 3DS step.
// Status transitions follow Stripe's: requires_payment_method -> requires_confirmation ->
// (requires_action ->) requires_capture | succeeded, or back to requires_payment_method on a
// decline; canceled from any status before success.
import type { FormParams } from "./form.ts";
import { listPage, type StripeList } from "./list.ts";
import {
  docUrl,
  invalidParam,
  invalidRequest,
  nowSeconds,
  resourceMissing,
  secretSuffix,
  StripeApiError,
  stripeId,
  type Charge,
  type LastPaymentError,
  type PaymentIntent,
  type PaymentIntentStatus,
} from "./objects.ts";
import { allowOnly, booleanParam, enumParam, hashParam, integerParam, metadataParam, requireParam, stringListParam, stringParam } from "./params.ts";
import type { RequestContext, StripeStore } from "./store.ts";
import { testCard, type TestCard } from "./test-cards.ts";

const CAPTURE_METHODS = ["automatic", "automatic_async", "manual"] as const;
const CANCELLATION_REASONS = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"] as const;
const CANCELABLE: PaymentIntentStatus[] = ["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"];
const CONFIRMABLE: PaymentIntentStatus[] = ["requires_payment_method", "requires_confirmation", "requires_action"];
// Parameters accepted and kept (or ignored) without behaviour of their own.
const PASSIVE = [
  "description",
  "receipt_email",
  "customer",
  "statement_descriptor",
  "statement_descriptor_suffix",
  "setup_future_usage",
  "shipping",
  "payment_method_options",
  "transfer_group",
  "on_behalf_of",
  "return_url",
  "off_session",
  "use_stripe_sdk",
  "mandate_data",
  "error_on_requires_action",
];
/** Stripe's smallest charge is about 0.50 in most currencies. */
const MINIMUM_AMOUNT = 50;

export function listPaymentIntents(store: StripeStore, params: FormParams): StripeList<PaymentIntent> {
  allowOnly(params, ["limit", "starting_after", "ending_before", "created", "customer", "expand"]);
  const customer = stringParam(params, "customer");
  return listPage(store.paymentIntentsNewestFirst(), params, {
    url: "/v1/payment_intents",
    kind: "payment_intent",
    filter: (intent) => customer === undefined || intent.customer === customer,
  });
}

export function findPaymentIntent(store: StripeStore, id: string): PaymentIntent {
  const intent = store.paymentIntents.get(id);
  if (!intent) throw resourceMissing("payment_intent", id, "intent");
  return intent;
}

function paymentMethodParam(params: FormParams): string | undefined {
  const paymentMethod = stringParam(params, "payment_method");
  if (paymentMethod !== undefined && !testCard(paymentMethod))
    throw invalidParam(`No such PaymentMethod: '${paymentMethod}'`, { code: "resource_missing", param: "payment_method" });
  return paymentMethod;
}

const unexpectedState = (intent: PaymentIntent, message: string) =>
  invalidRequest(message, { code: "payment_intent_unexpected_state", payment_intent: structuredClone(intent) });

export function createPaymentIntent(store: StripeStore, context: RequestContext, params: FormParams): PaymentIntent {
  allowOnly(params, [
    "amount",
    "currency",
    "capture_method",
    "confirm",
    "confirmation_method",
    "metadata",
    "payment_method",
    "payment_method_types",
    "automatic_payment_methods",
    "expand",
    ...PASSIVE,
  ]);
  const amount = requireParam(integerParam(params, "amount", 1), "amount");
  const currency = requireParam(stringParam(params, "currency"), "currency").toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw invalidParam(`Invalid currency: ${currency}.`, { param: "currency" });
  if (amount < MINIMUM_AMOUNT) throw invalidParam(`Amount must be at least ${MINIMUM_AMOUNT} ${currency} cents`, { code: "amount_too_small", param: "amount" });
  const automatic = hashParam(params, "automatic_payment_methods");
  const id = stripeId("pi");
  const paymentMethod = paymentMethodParam(params) ?? null;
  const intent: PaymentIntent = {
    id,
    object: "payment_intent",
    amount,
    amount_capturable: 0,
    amount_received: 0,
    automatic_payment_methods: automatic ? { enabled: automatic.enabled === "true" } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: enumParam(params, "capture_method", CAPTURE_METHODS) ?? "automatic_async",
    client_secret: `${id}_secret_${secretSuffix()}`,
    confirmation_method: enumParam(params, "confirmation_method", ["automatic", "manual"] as const) ?? "automatic",
    created: nowSeconds(context.now),
    currency,
    customer: stringParam(params, "customer") ?? null,
    description: stringParam(params, "description") ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: metadataParam(params),
    next_action: null,
    payment_method: paymentMethod,
    payment_method_types: stringListParam(params, "payment_method_types") ?? ["card"],
    receipt_email: stringParam(params, "receipt_email") ?? null,
    statement_descriptor: stringParam(params, "statement_descriptor") ?? null,
    status: paymentMethod ? "requires_confirmation" : "requires_payment_method",
  };
  const confirm = booleanParam(params, "confirm") ?? false;
  store.addPaymentIntent(intent);
  store.emit(context, "payment_intent.created", intent);
  if (confirm) return confirmPaymentIntent(store, context, id, {});
  return intent;
}

export function updatePaymentIntent(store: StripeStore, context: RequestContext, id: string, params: FormParams): PaymentIntent {
  const intent = findPaymentIntent(store, id);
  allowOnly(params, ["amount", "currency", "capture_method", "metadata", "payment_method", "payment_method_types", "expand", ...PASSIVE]);
  const amount = integerParam(params, "amount", MINIMUM_AMOUNT);
  const paymentMethod = paymentMethodParam(params);
  const changesPayment = amount !== undefined || paymentMethod !== undefined || params.currency !== undefined || params.capture_method !== undefined;
  if (changesPayment && !CONFIRMABLE.includes(intent.status)) {
    throw unexpectedState(
      intent,
      `This PaymentIntent's amount could not be updated because it has a status of ${intent.status}. You may only update the amount of a PaymentIntent with one of the following statuses: ${CONFIRMABLE.join(", ")}.`,
    );
  }
  if (amount !== undefined) intent.amount = amount;
  intent.currency = stringParam(params, "currency")?.toLowerCase() ?? intent.currency;
  intent.capture_method = enumParam(params, "capture_method", CAPTURE_METHODS) ?? intent.capture_method;
  intent.description = stringParam(params, "description") ?? intent.description;
  intent.receipt_email = stringParam(params, "receipt_email") ?? intent.receipt_email;
  intent.metadata = metadataParam(params, intent.metadata);
  if (paymentMethod !== undefined) {
    intent.payment_method = paymentMethod;
    intent.next_action = null;
    intent.status = "requires_confirmation";
  }
  return intent;
}

function paymentMethodSummary(
  paymentMethod: string,
  card: TestCard,
): NonNullable<LastPaymentError["payment_method"]> & { card: { brand: string; last4: string } } {
  return { id: paymentMethod, object: "payment_method", type: "card", card: { brand: card.brand, last4: card.last4 } };
}

function createCharge(
  store: StripeStore,
  context: RequestContext,
  intent: PaymentIntent,
  card: TestCard,
  failed?: { code: string; declineCode: string; message: string },
): Charge {
  const capture = !failed && intent.capture_method !== "manual";
  const charge: Charge = {
    id: stripeId("ch"),
    object: "charge",
    amount: intent.amount,
    amount_captured: capture ? intent.amount : 0,
    amount_refunded: 0,
    captured: capture,
    created: nowSeconds(context.now),
    currency: intent.currency,
    failure_code: failed ? failed.code : null,
    failure_message: failed ? failed.message : null,
    livemode: false,
    metadata: { ...intent.metadata },
    outcome: failed
      ? {
          network_status: "declined_by_network",
          reason: failed.declineCode,
          seller_message: "The bank did not return any further details with this decline.",
          type: "issuer_declined",
        }
      : { network_status: "approved_by_network", reason: null, seller_message: "Payment complete.", type: "authorized" },
    paid: !failed,
    payment_intent: intent.id,
    payment_method: intent.payment_method,
    payment_method_details: { type: "card", card: { brand: card.brand, last4: card.last4 } },
    refunded: false,
    status: failed ? "failed" : "succeeded",
  };
  store.charges.set(charge.id, charge);
  intent.latest_charge = charge.id;
  return charge;
}

/** The card was accepted: authorised (manual capture) or charged. */
function authorise(store: StripeStore, context: RequestContext, intent: PaymentIntent, card: TestCard): PaymentIntent {
  const charge = createCharge(store, context, intent, card);
  intent.next_action = null;
  intent.last_payment_error = null;
  store.emit(context, "charge.succeeded", charge);
  if (intent.capture_method === "manual") {
    intent.status = "requires_capture";
    intent.amount_capturable = intent.amount;
    store.emit(context, "payment_intent.amount_capturable_updated", intent, { amount_capturable: 0 });
  } else {
    intent.status = "succeeded";
    intent.amount_received = intent.amount;
    store.emit(context, "payment_intent.succeeded", intent);
  }
  return intent;
}

/** Decline: the intent goes back to requires_payment_method and the call answers 402. */
function decline(
  store: StripeStore,
  context: RequestContext,
  intent: PaymentIntent,
  paymentMethod: string,
  card: TestCard,
  failure: { code: string; declineCode: string; message: string },
): never {
  const charge = createCharge(store, context, intent, card, failure);
  const summary = paymentMethodSummary(paymentMethod, card);
  intent.status = "requires_payment_method";
  intent.next_action = null;
  intent.payment_method = null;
  intent.last_payment_error = {
    type: "card_error",
    code: failure.code,
    decline_code: failure.declineCode,
    message: failure.message,
    doc_url: docUrl(failure.code),
    charge: charge.id,
    payment_method: summary,
  };
  store.emit(context, "charge.failed", charge);
  store.emit(context, "payment_intent.payment_failed", intent);
  throw new StripeApiError(402, { ...intent.last_payment_error, payment_intent: structuredClone(intent) });
}

export function confirmPaymentIntent(store: StripeStore, context: RequestContext, id: string, params: FormParams, testAuthenticateUrl?: string): PaymentIntent {
  const intent = findPaymentIntent(store, id);
  allowOnly(params, ["payment_method", "capture_method", "payment_method_types", "expand", ...PASSIVE]);
  const paymentMethod = paymentMethodParam(params);
  const captureMethod = enumParam(params, "capture_method", CAPTURE_METHODS);
  if (intent.status === "succeeded")
    throw unexpectedState(intent, "You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.");
  if (!CONFIRMABLE.includes(intent.status)) {
    throw unexpectedState(
      intent,
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(", ")}.`,
    );
  }
  if (paymentMethod !== undefined) intent.payment_method = paymentMethod;
  if (captureMethod !== undefined) intent.capture_method = captureMethod;
  if (!intent.payment_method) {
    throw unexpectedState(
      intent,
      "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
    );
  }
  const card = testCard(intent.payment_method)!;
  const behaviour = card.behaviour;
  if (behaviour.outcome === "decline") decline(store, context, intent, intent.payment_method, card, behaviour);
  if (behaviour.outcome === "authenticate") {
    intent.status = "requires_action";
    intent.last_payment_error = null;
    intent.next_action = {
      type: "use_stripe_sdk",
      // Stripe.js opens stripe_js for the 3DS challenge; here it is the test endpoint that completes it.
      use_stripe_sdk: {
        type: "three_d_secure_redirect",
        stripe_js: testAuthenticateUrl ?? `/v1/payment_intents/${intent.id}/test_authenticate`,
        source: stripeId("src"),
      },
    };
    store.emit(context, "payment_intent.requires_action", intent);
    return intent;
  }
  return authorise(store, context, intent, card);
}

/** The test-only 3DS step: `succeed` carries on as an accepted card, `fail` as Stripe's authentication failure. */
export function authenticatePaymentIntent(store: StripeStore, context: RequestContext, id: string, outcome: "succeed" | "fail"): PaymentIntent {
  const intent = findPaymentIntent(store, id);
  if (intent.status !== "requires_action" || !intent.payment_method) {
    throw unexpectedState(
      intent,
      `This PaymentIntent has a status of ${intent.status}; only a PaymentIntent with status requires_action can be authenticated.`,
    );
  }
  const card = testCard(intent.payment_method)!;
  if (outcome === "succeed") return authorise(store, context, intent, card);
  intent.status = "requires_payment_method";
  intent.next_action = null;
  intent.last_payment_error = {
    type: "invalid_request_error",
    code: "payment_intent_authentication_failure",
    message:
      "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
    doc_url: docUrl("payment_intent_authentication_failure"),
    payment_method: paymentMethodSummary(intent.payment_method, card),
  };
  intent.payment_method = null;
  store.emit(context, "payment_intent.payment_failed", intent);
  return intent;
}

export function capturePaymentIntent(store: StripeStore, context: RequestContext, id: string, params: FormParams): PaymentIntent {
  const intent = findPaymentIntent(store, id);
  allowOnly(params, ["amount_to_capture", "metadata", "expand", "statement_descriptor", "statement_descriptor_suffix", "final_capture"]);
  const amountToCapture = integerParam(params, "amount_to_capture", 1);
  if (intent.status !== "requires_capture") {
    throw unexpectedState(
      intent,
      `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
    );
  }
  const amount = amountToCapture ?? intent.amount_capturable;
  if (amount > intent.amount_capturable) {
    throw invalidRequest(`The amount_to_capture (${amount}) must be less than or equal to the amount_capturable (${intent.amount_capturable}).`, {
      code: "amount_too_large",
      param: "amount_to_capture",
    });
  }
  const charge = store.charges.get(intent.latest_charge!)!;
  charge.captured = true;
  charge.amount_captured = amount;
  intent.metadata = metadataParam(params, intent.metadata);
  intent.amount_received = amount;
  intent.amount_capturable = 0;
  intent.status = "succeeded";
  store.emit(context, "charge.captured", charge);
  store.emit(context, "payment_intent.succeeded", intent);
  return intent;
}

export function cancelPaymentIntent(store: StripeStore, context: RequestContext, id: string, params: FormParams): PaymentIntent {
  const intent = findPaymentIntent(store, id);
  allowOnly(params, ["cancellation_reason", "expand"]);
  const reason = enumParam(params, "cancellation_reason", CANCELLATION_REASONS) ?? null;
  if (!CANCELABLE.includes(intent.status)) {
    throw unexpectedState(
      intent,
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(", ")}.`,
    );
  }
  // Cancelling an authorisation releases the held amount: the uncaptured charge counts as refunded.
  const charge = intent.status === "requires_capture" && intent.latest_charge ? store.charges.get(intent.latest_charge) : undefined;
  if (charge) {
    charge.refunded = true;
    charge.amount_refunded = charge.amount;
  }
  intent.status = "canceled";
  intent.canceled_at = nowSeconds(context.now);
  intent.cancellation_reason = reason;
  intent.amount_capturable = 0;
  intent.next_action = null;
  store.emit(context, "payment_intent.canceled", intent);
  return intent;
}
