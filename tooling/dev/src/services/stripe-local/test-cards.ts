// Stripe's test PaymentMethod tokens the server understands, and how each one behaves.

export type CardBehaviour =
  | { outcome: "succeed" }
  | { outcome: "decline"; code: string; declineCode: string; message: string }
  | { outcome: "authenticate" };

export interface TestCard {
  brand: string;
  last4: string;
  behaviour: CardBehaviour;
}

const declined = (declineCode: string, message: string, code = "card_declined"): CardBehaviour => ({ outcome: "decline", code, declineCode, message });

export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { brand: "visa", last4: "4242", behaviour: { outcome: "succeed" } },
  pm_card_mastercard: { brand: "mastercard", last4: "4444", behaviour: { outcome: "succeed" } },
  pm_card_amex: { brand: "amex", last4: "8431", behaviour: { outcome: "succeed" } },
  pm_card_chargeDeclined: { brand: "visa", last4: "0002", behaviour: declined("generic_decline", "Your card was declined.") },
  pm_card_chargeDeclinedInsufficientFunds: { brand: "visa", last4: "9995", behaviour: declined("insufficient_funds", "Your card has insufficient funds.") },
  pm_card_chargeDeclinedExpiredCard: { brand: "visa", last4: "0069", behaviour: declined("expired_card", "Your card has expired.", "expired_card") },
  pm_card_authenticationRequired: { brand: "visa", last4: "3184", behaviour: { outcome: "authenticate" } },
  pm_card_threeDSecure2Required: { brand: "visa", last4: "3155", behaviour: { outcome: "authenticate" } },
};

export const testCard = (paymentMethod: string): TestCard | undefined => (Object.hasOwn(TEST_CARDS, paymentMethod) ? TEST_CARDS[paymentMethod] : undefined);
