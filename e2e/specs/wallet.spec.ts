// Issue 11, wallet passes: a buyer's confirmed order offers "Add to Apple Wallet" (a signed
// .pkpass download) and "Save to Google Wallet" (Google's save link with a signed JWT) per ticket.
import { stripeTestCardNumber } from "@marquee/config/stripe-test-cards";
import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { closeShopData, createShopEvent } from "../support/shop-data.ts";

test.afterAll(closeShopData);

test("wallet: the order page's ticket downloads an Apple pass and links to Google Wallet, on a phone", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const event = await createShopEvent({ name: "Wallet Night" });
  await page.goto(`/events/${event.slug}`);
  await page.getByRole("button", { name: "Add one Standing ticket" }).click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
  await page.getByLabel("Full name").fill("Wanda Wallet");
  await page.getByLabel("E-mail").fill(`wallet-${crypto.randomUUID().slice(0, 8)}@example.test`);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.getByLabel("Card number").fill(stripeTestCardNumber("pm_card_visa"));
  await page.getByLabel("Expiry date (MM/YY)").fill("12/34");
  await page.getByLabel("Security code (CVC)").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByRole("heading", { name: "Your order is confirmed", level: 1 })).toBeVisible({ timeout: 45_000 });

  const apple = page.getByRole("link", { name: /^Add ticket .+ to Apple Wallet$/ });
  const google = page.getByRole("link", { name: /^Save ticket .+ to Google Wallet/ });
  await expect(apple).toBeVisible({ timeout: 15_000 });
  await expect(google).toBeVisible();
  for (const button of [apple, google]) expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectNoAccessibilityViolations(page, "the order page with wallet buttons");

  // The .pkpass: a zip served as Apple's pass type.
  const response = await page.request.get((await apple.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/vnd.apple.pkpass");
  expect((await response.body()).subarray(0, 2).toString()).toBe("PK");

  // Google's save link carries the ticket object, with the ticket's signed code as its barcode.
  const href = (await google.getAttribute("href"))!;
  expect(href).toMatch(/^https:\/\/pay\.google\.com\/gp\/v\/save\/[\w-]+\.[\w-]+\.[\w-]+$/);
  const claims = JSON.parse(Buffer.from(href.split("/").pop()!.split(".")[1]!, "base64url").toString("utf8")) as {
    aud: string;
    typ: string;
    payload: { eventTicketObjects: { state: string; ticketHolderName: string; barcode: { type: string; value: string } }[] };
  };
  expect(claims).toMatchObject({ aud: "google", typ: "savetowallet" });
  expect(claims.payload.eventTicketObjects[0]).toMatchObject({ state: "ACTIVE", ticketHolderName: "Wanda Wallet", barcode: { type: "QR_CODE" } });
  expect(claims.payload.eventTicketObjects[0]!.barcode.value).toMatch(/^[0-9A-Z]{20,}$/);
});
