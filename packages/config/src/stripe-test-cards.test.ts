import { describe, expect, it } from "vitest";
import { STRIPE_TEST_CARDS, stripeTestCard, stripeTestCardNumber } from "./stripe-test-cards.ts";

const digits = (number: string) => number.replace(/\D/g, "");

describe("Stripe test cards", () => {
  it("lists each payment method and number once, with the number's last four digits", () => {
    expect(new Set(STRIPE_TEST_CARDS.map((card) => card.paymentMethod)).size).toBe(STRIPE_TEST_CARDS.length);
    expect(new Set(STRIPE_TEST_CARDS.map((card) => digits(card.number))).size).toBe(STRIPE_TEST_CARDS.length);
    for (const card of STRIPE_TEST_CARDS) expect(digits(card.number).slice(-4)).toBe(card.last4);
  });

  it("finds a card by payment method and refuses unknown ones", () => {
    expect(stripeTestCard("pm_card_visa")?.behaviour).toEqual({ outcome: "succeed" });
    expect(stripeTestCard("pm_card_nope")).toBeUndefined();
    expect(stripeTestCard("toString")).toBeUndefined();
    expect(stripeTestCardNumber("pm_card_chargeDeclined")).toBe("4000 0000 0000 0002");
    expect(() => stripeTestCardNumber("pm_card_nope")).toThrow(/pm_card_nope/);
  });
});
