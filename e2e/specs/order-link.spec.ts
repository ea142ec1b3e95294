// Order access from anywhere: a guest's confirmation e-mail opens the order, its tickets and
// documents in another browser (no cookie, no cart) on a phone; a changed link says it expired
// and offers "Find my order", which e-mails the link again.
import { stripeTestCardNumber } from "@marquee/config/stripe-test-cards";
import { type Page, expect, test } from "@playwright/test";
import { e2eConfig } from "../support/env.ts";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { saveScreenshot } from "../support/fixtures.ts";
import { closeShopData, createShopEvent, mailsTo } from "../support/shop-data.ts";

test.afterAll(closeShopData);

const PHONE = { width: 390, height: 844 };

/** The page fits its viewport: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, "page width").toBeLessThanOrEqual(innerWidth);
}

/** The one mail whose subject matches, once it has arrived. */
async function mailed(email: string, subject: RegExp) {
  await expect
    .poll(async () => (await mailsTo(e2eConfig.ports.mailHttp, email)).filter((mail) => subject.test(mail.subject)).length, { timeout: 45_000 })
    .toBe(1);
  return (await mailsTo(e2eConfig.ports.mailHttp, email)).find((mail) => subject.test(mail.subject))!;
}

const orderLinkIn = (text: string | null) => text?.match(/https?:\/\/\S+\/orders\/[0-9a-f-]{36}#token=\S+/)?.[0];

test("a guest's e-mailed order link opens the order, tickets and documents in a new browser on a phone; Find my order sends it again", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const event = await createShopEvent({ name: "Order Link" });
  const email = `link-${crypto.randomUUID().slice(0, 8)}@example.test`;

  // A guest buys on one device.
  await page.goto(`/events/${event.slug}`);
  await page.getByRole("button", { name: "Add one Standing ticket" }).click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
  await page.getByLabel("Full name").fill("Grace Guest");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.getByLabel("Card number").fill(stripeTestCardNumber("pm_card_visa"));
  await page.getByLabel("Expiry date (MM/YY)").fill("12/34");
  await page.getByLabel("Security code (CVC)").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByRole("heading", { name: "Your order is confirmed", level: 1 })).toBeVisible({ timeout: 45_000 });

  // The confirmation tells a guest to use the link, never "your account".
  const confirmation = await mailed(email, /^Your tickets for /);
  const reference = confirmation.subject.match(/\(order ([A-Z0-9-]+)\)$/)![1]!;
  expect(confirmation.text).toContain("Open your order with this link on any device, no account needed");
  expect(confirmation.text).not.toMatch(/your account/i);
  const link = orderLinkIn(confirmation.text);
  expect(link, confirmation.text ?? "no text part").toBeTruthy();
  const orderPath = new URL(link!).pathname;

  // Another device: a new browser context with no cookie and no cart.
  const phone = await browser.newContext({ viewport: PHONE });
  const phonePage = await phone.newPage();
  await phonePage.goto(link!);
  await expect(phonePage.getByRole("heading", { name: "Your order", level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(phonePage.getByText(reference)).toBeVisible();
  await expect(phonePage.getByRole("img", { name: /^QR code for ticket / })).toHaveCount(1);
  // The token leaves the address bar once this tab has kept it.
  await expect.poll(() => new URL(phonePage.url()).hash).toBe("");
  expect(new URL(phonePage.url()).pathname).toBe(orderPath);
  const pdfHref = await phonePage.getByRole("link", { name: "Download tickets (PDF)" }).getAttribute("href");
  const pdf = await phonePage.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await expect(phonePage.getByRole("link", { name: /^Download invoice .* \(PDF\)$/ })).toBeVisible({ timeout: 20_000 });
  await expectNoSidewaysScroll(phonePage);
  await saveScreenshot(phonePage, testInfo, "order-link-phone");
  await expectNoAccessibilityViolations(phonePage, "the order opened by its link");
  // A reload in the same tab still shows it.
  await phonePage.reload();
  await expect(phonePage.getByRole("heading", { name: "Your order", level: 1 })).toBeVisible();
  await phone.close();

  // A changed link shows nothing of the order: it expired, and Find my order is offered.
  const stranger = await browser.newContext({ viewport: PHONE });
  const strangerPage = await stranger.newPage();
  const token = new URL(link!).hash.replace("#token=", "");
  await strangerPage.goto(`${orderPath}#token=${token.slice(0, -4)}${token.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`);
  await expect(strangerPage.getByRole("heading", { name: "This order link has expired", level: 1 })).toBeVisible();
  await expect(strangerPage.getByText(reference)).toHaveCount(0);
  await expect(strangerPage.getByRole("img", { name: /^QR code for ticket / })).toHaveCount(0);
  await expectNoAccessibilityViolations(strangerPage, "the expired-link page");
  await strangerPage.getByRole("region", { name: "This order link has expired" }).getByRole("link", { name: "Find my order" }).click();

  // Find my order: the same answer whatever is typed; the buyer's address gets the link again.
  await expect(strangerPage.getByRole("heading", { name: "Find my order", level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(strangerPage);
  await expectNoAccessibilityViolations(strangerPage, "Find my order");
  await strangerPage.getByLabel("E-mail").fill(email.toUpperCase());
  await strangerPage.getByLabel("Order reference").fill(reference.toLowerCase());
  await strangerPage.getByRole("button", { name: "E-mail me the link" }).click();
  await expect(strangerPage.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expect(strangerPage.getByRole("status")).toContainText("If an order with that reference was placed with");
  await saveScreenshot(strangerPage, testInfo, "find-my-order-sent");
  await expectNoAccessibilityViolations(strangerPage, "Find my order, sent");
  const again = await mailed(email, new RegExp(`^Your link to order ${reference}$`));
  const newLink = orderLinkIn(again.text);
  expect(new URL(newLink!).pathname).toBe(orderPath);
  await strangerPage.goto(newLink!);
  await expect(strangerPage.getByRole("heading", { name: "Your order", level: 1 })).toBeVisible({ timeout: 20_000 });
  await stranger.close();
});
