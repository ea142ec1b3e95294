// Stripe's test cards that Marquee knows, in one place: the local Stripe-compatible server
// (tooling/dev) answers each payment method as `behaviour` says, and the web shop's test card
// form (no real Stripe key) maps the typed `number` to the payment method. The numbers, tokens,
// brands and last four digits are Stripe's own (docs.stripe.com/testing).

export type TStripeTestCardBehaviour =
  { outcome: "succeed" } | { outcome: "decline"; code: string; declineCode: string; message: string } | { outcome: "authenticate" };

export interface TStripeTestCard {
  /** The PaymentMethod id the API accepts (`payment_method: "pm_card_visa"`). */
  paymentMethod: string;
  /** The card number as a buyer types it, in groups. */
  number: string;
  brand: string;
  /** What Stripe reports as `card.last4` for the payment method. */
  last4: string;
  behaviour: TStripeTestCardBehaviour;
}

const declined = (declineCode: string, message: string, code = "card_declined"): TStripeTestCardBehaviour => ({
  outcome: "decline",
  code,
  declineCode,
  message,
});

export const STRIPE_TEST_CARDS: readonly TStripeTestCard[] = [
  { paymentMethod: "pm_card_visa", number: "4242 4242 4242 4242", brand: "visa", last4: "4242", behaviour: { outcome: "succeed" } },
  {
    paymentMethod: "pm_card_chargeDeclined",
    number: "4000 0000 0000 0002",
    brand: "visa",
    last4: "0002",
    behaviour: declined("generic_decline", "Your card was declined."),
  },
  { paymentMethod: "pm_card_authenticationRequired", number: "4000 0027 6000 3184", brand: "visa", last4: "3184", behaviour: { outcome: "authenticate" } },
  {
    paymentMethod: "pm_card_chargeDeclinedInsufficientFunds",
    number: "4000 0000 0000 9995",
    brand: "visa",
    last4: "9995",
    behaviour: declined("insufficient_funds", "Your card has insufficient funds."),
  },
  { paymentMethod: "pm_card_mastercard", number: "5555 5555 5555 4444", brand: "mastercard", last4: "4444", behaviour: { outcome: "succeed" } },
  { paymentMethod: "pm_card_threeDSecure2Required", number: "4000 0025 0000 3155", brand: "visa", last4: "3155", behaviour: { outcome: "authenticate" } },
  { paymentMethod: "pm_card_amex", number: "3714 496353 98431", brand: "amex", last4: "8431", behaviour: { outcome: "succeed" } },
  {
    paymentMethod: "pm_card_chargeDeclinedExpiredCard",
    number: "4000 0000 0000 0069",
    brand: "visa",
    last4: "0069",
    behaviour: declined("expired_card", "Your card has expired.", "expired_card"),
  },
];

/** The card behind a payment method id, or undefined for one Stripe's test mode would not know. */
export const stripeTestCard = (paymentMethod: string): TStripeTestCard | undefined => STRIPE_TEST_CARDS.find((card) => card.paymentMethod === paymentMethod);

/** The number a buyer types for a payment method (e2e specs, READMEs); throws for an unknown one. */
export function stripeTestCardNumber(paymentMethod: string): string {
  const card = stripeTestCard(paymentMethod);
  if (!card) throw new Error(`Not a Stripe test card: ${paymentMethod}`);
  return card.number;
}
