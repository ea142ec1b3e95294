// The shop's checkout as a buyer fills it: the details step, then the card form with a Stripe test
// card (the stack's local Stripe server knows the test numbers). Specs click "Pay …" themselves,
// so they can check the amount on the button first.
import { stripeTestCardNumber } from "@marquee/config/stripe-test-cards";
import { type Page, expect } from "@playwright/test";

/** The checkout's first step: name, e-mail and an optional voucher code, then on to the card form. */
export async function enterBuyerDetails(page: Page, buyer: { name: string; email: string; voucher?: string }): Promise<void> {
  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel("Full name").fill(buyer.name);
  await page.getByLabel("E-mail").fill(buyer.email);
  if (buyer.voucher) await page.getByLabel("Voucher code (optional)").fill(buyer.voucher);
  await page.getByRole("button", { name: "Continue to payment" }).click();
}

/** The card form filled with a test card (`pm_card_visa` pays; `pm_card_chargeDeclined` is refused). */
export async function fillTestCard(page: Page, paymentMethod = "pm_card_visa"): Promise<void> {
  await page.getByLabel("Card number").fill(stripeTestCardNumber(paymentMethod));
  await page.getByLabel("Expiry date (MM/YY)").fill("12/34");
  await page.getByLabel("Security code (CVC)").fill("123");
}

/** Pays what the button says and waits for the confirmation page (the payment worker confirms the order). */
export async function payAndConfirm(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByRole("heading", { name: "Your order is confirmed", level: 1 })).toBeVisible({ timeout: 60_000 });
}
