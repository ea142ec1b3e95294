// The test card form (no real Stripe key): card numbers as buyers type them, checked like a
// real form would (Luhn, expiry in the future), then mapped to the test payment methods the
// local Stripe-compatible server understands. Both read the one list in @marquee/config.
import { STRIPE_TEST_CARDS, type TStripeTestCard } from "@marquee/config/stripe-test-cards";

export type TTestCardOutcome = "succeeds" | "declined" | "insufficientFunds" | "authentication";

export function testCardOutcome(card: TStripeTestCard): TTestCardOutcome {
  if (card.behaviour.outcome === "succeed") return "succeeds";
  if (card.behaviour.outcome === "authenticate") return "authentication";
  return card.behaviour.declineCode === "insufficient_funds" ? "insufficientFunds" : "declined";
}

/** The page's hint box: the first card of each outcome, in the list's order. */
export const HINT_CARDS: readonly TStripeTestCard[] = STRIPE_TEST_CARDS.filter(
  (card, index) => STRIPE_TEST_CARDS.findIndex((other) => testCardOutcome(other) === testCardOutcome(card)) === index,
);

export const digitsOf = (value: string) => value.replace(/\D/g, "");

/** Groups of four as the buyer types ("4242 4242 …"), at most 19 digits. */
export const formatCardNumber = (value: string) =>
  digitsOf(value)
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, "$1 ");

export function passesLuhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const testPaymentMethodFor = (digits: string): string | null =>
  STRIPE_TEST_CARDS.find((card) => digitsOf(card.number) === digits)?.paymentMethod ?? null;

export type TExpiryCheck = "ok" | "invalid" | "past";

/** "MM/YY" (also "MM / YY", "MMYY"); a card is valid through the end of its expiry month. */
export function checkExpiry(value: string, now = new Date()): TExpiryCheck {
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2})\s*$/.exec(value);
  if (!match) return "invalid";
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  if (month < 1 || month > 12) return "invalid";
  const endOfMonth = new Date(year, month, 1);
  return endOfMonth.getTime() > now.getTime() ? "ok" : "past";
}

/** "12" -> "12 / ", keeps what the buyer typed otherwise. */
export function formatExpiry(value: string, previous: string): string {
  const digits = digitsOf(value).slice(0, 4);
  if (digits.length <= 2) return value.length < previous.length ? digits : digits.length === 2 ? `${digits} / ` : digits;
  return `${digits.slice(0, 2)} / ${digits.slice(2)}`;
}

export const isCvc = (value: string) => /^\d{3,4}$/.test(value.trim());
