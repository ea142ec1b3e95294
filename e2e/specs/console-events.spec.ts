// The console's events area end to end: an organiser creates a GA event with two ticket types, an
// early bird and a 20 % voucher, publishes it, and a buyer in another browser pays the early-bird
// price less the voucher; an event with a paid order is cancelled and its refund and the buyer's
// e-mail follow. Every console page visited is checked at 390x844 (no sideways scroll) and by axe.
import { stripeTestCardNumber } from "@marquee/config/stripe-test-cards";
import { type Browser, type Page, expect, test } from "@playwright/test";
import { checkOnPhone, expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { closeConsoleData, createOnSaleEvent, createOrganiser, ordersOf } from "../support/console-data.ts";
import { e2eConfig } from "../support/env.ts";
import { saveScreenshot, signInWithForm } from "../support/fixtures.ts";
import { mailsTo } from "../support/shop-data.ts";

test.afterAll(closeConsoleData);

const DESKTOP = { width: 1280, height: 900 };
const DAY = 24 * 3_600_000;

/** `<input type="datetime-local">` text for a time, in the browser's zone (the config's Europe/Berlin). */
const localInput = (date: Date) => date.toLocaleString("sv-SE", { timeZone: "Europe/Berlin" }).slice(0, 16).replace(" ", "T");

/** A guest buys on the web app in a browser of their own: the types' steppers, then name, e-mail, voucher and the test card. */
async function buyAsGuest(browser: Browser, slug: string, order: { add: string[]; email: string; voucher?: string; expect?: (page: Page) => Promise<void> }) {
  const context = await browser.newContext({ baseURL: e2eConfig.urls.web });
  const page = await context.newPage();
  await page.goto(`/events/${slug}`);
  if (order.expect) await order.expect(page);
  for (const name of order.add) await page.getByRole("button", { name: `Add one ${name} ticket` }).click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel("Full name").fill("Vera Voucher");
  await page.getByLabel("E-mail").fill(order.email);
  if (order.voucher) await page.getByLabel("Voucher code (optional)").fill(order.voucher);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.getByLabel("Card number").fill(stripeTestCardNumber("pm_card_visa"));
  await page.getByLabel("Expiry date (MM/YY)").fill("12/34");
  await page.getByLabel("Security code (CVC)").fill("123");
  return { context, page };
}

test("an organiser creates, prices and publishes an event; a buyer pays the early-bird price less the voucher", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const organiser = await createOrganiser("Console Events");
  const name = `Spring Gala ${crypto.randomUUID().slice(0, 6)}`;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  await page.setViewportSize(DESKTOP);
  await signInWithForm(page, organiser);
  await expect(page).toHaveURL(new RegExp(`/orgs/${organiser.organizationId}/events$`));
  await checkOnPhone(page, "the events list");

  // The new-event form: general admission at the organisation's venue, on sale since yesterday.
  await page.getByRole("link", { name: "New event" }).click();
  await expect(page.getByRole("heading", { name: "New event", level: 1 })).toBeVisible();
  await checkOnPhone(page, "the new-event form");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Web address (slug)").fill(slug);
  await page.getByLabel("Venue", { exact: true }).selectOption({ label: `${organiser.venueName}, Berlin` });
  await expect(page.getByLabel("Seating")).toHaveValue("");
  await page.getByLabel("Description", { exact: true }).fill("A spring evening of music, made by the console's end-to-end test.");
  const now = Date.now();
  await page.getByLabel("Starts", { exact: true }).fill(localInput(new Date(now + 30 * DAY)));
  await page.getByLabel("Ends", { exact: true }).fill(localInput(new Date(now + 30 * DAY + 3 * 3_600_000)));
  await page.getByLabel("On sale from", { exact: true }).fill(localInput(new Date(now - DAY)));
  await page.getByRole("button", { name: "Create event" }).click();

  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  const eventUrl = new URL(page.url()).pathname;
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await expect(page.getByText("General admission")).toBeVisible();

  // Two ticket types; Standing gets an early bird until ten days from now.
  await page.getByRole("link", { name: "Ticket types and prices" }).click();
  await expect(page.getByRole("heading", { name: "Ticket types and prices", level: 1 })).toBeVisible();
  const newType = page.getByRole("form", { name: "New ticket type" });
  for (const [typeName, capacity, price] of [
    ["Standing", "100", "30"],
    ["VIP", "20", "60"],
  ] as const) {
    await newType.getByLabel("Name", { exact: true }).fill(typeName);
    await newType.getByLabel("Capacity").fill(capacity);
    await newType.getByLabel("Price (EUR, tax included)").fill(price);
    await newType.getByRole("button", { name: "Add ticket type" }).click();
    await expect(page.getByRole("heading", { name: typeName, level: 2 })).toBeVisible();
    await expect(newType.getByLabel("Name", { exact: true })).toHaveValue("");
  }
  const earlyBird = page.getByRole("form", { name: "Early bird for Standing" });
  await earlyBird.getByLabel("Early-bird price (EUR)").fill("20");
  await earlyBird.getByLabel("Until").fill(localInput(new Date(now + 10 * DAY)));
  await earlyBird.getByRole("button", { name: "Set early bird" }).click();
  const standing = page.getByRole("region", { name: "Standing" });
  await expect(standing).toContainText(/Early bird €20\.00/);
  await expect(standing).toContainText(/Regular €30\.00/);
  await saveScreenshot(page, testInfo, "console-event-ticket-types");
  await checkOnPhone(page, "the ticket types page");

  // A 20 % voucher for the event.
  const code = `SPRING${crypto.randomUUID().slice(0, 4).toUpperCase()}`;
  await page.goto(`${eventUrl}/vouchers`);
  await expect(page.getByRole("heading", { name: "Vouchers", level: 1 })).toBeVisible();
  const newVoucher = page.getByRole("form", { name: "New voucher" });
  await newVoucher.getByLabel("Code", { exact: true }).fill(code);
  await newVoucher.getByLabel("Kind").selectOption("PERCENT");
  await newVoucher.getByLabel("Percent or amount").fill("20");
  await newVoucher.getByRole("button", { name: "Create voucher" }).click();
  const voucherRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: code }) });
  await expect(voucherRow.getByRole("cell")).toHaveText(["20 %", "0"]);
  await checkOnPhone(page, "the vouchers page");

  // Publish, confirmed in a dialog.
  await page.goto(eventUrl);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Publish this event?" });
  await expect(confirm).toBeVisible();
  await expectNoAccessibilityViolations(page, "the publish dialog");
  await confirm.getByRole("button", { name: "Publish" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Published", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();
  await saveScreenshot(page, testInfo, "console-event-overview");
  await checkOnPhone(page, "the event overview");

  // A buyer elsewhere: both types, Standing at the early-bird price; one of each with the voucher.
  const email = `gala-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const buyer = await buyAsGuest(browser, slug, {
    add: ["Standing", "VIP"],
    email,
    voucher: code.toLowerCase(),
    expect: async (shop) => {
      await expect(shop.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 20_000 });
      const standingType = shop.getByRole("listitem").filter({ has: shop.getByRole("heading", { name: "Standing", level: 3 }) });
      await expect(standingType).toContainText("€20.00");
      await expect(standingType).toContainText("Early bird");
      const vipType = shop.getByRole("listitem").filter({ has: shop.getByRole("heading", { name: "VIP", level: 3 }) });
      await expect(vipType).toContainText("€60.00");
    },
  });
  // 20.00 + 60.00 = 80.00, less 20 %: 64.00.
  const summary = buyer.page.getByRole("region", { name: "Your tickets" });
  await expect(summary).toContainText("€80.00");
  await expect(summary).toContainText("−€16.00");
  await buyer.page.getByRole("button", { name: "Pay €64.00" }).click();
  await expect(buyer.page.getByRole("heading", { name: "Your order is confirmed", level: 1 })).toBeVisible({ timeout: 45_000 });
  await buyer.context.close();
  const eventId = eventUrl.split("/").pop()!;
  await expect
    .poll(async () => (await ordersOf(eventId)).map((o) => [o.status, o.subtotalMinor, o.discountMinor, o.totalMinor]))
    .toEqual([["PAID", 8000, 1600, 6400]]);

  // The voucher's use shows in the console.
  await page.goto(`${eventUrl}/vouchers`);
  await expect(voucherRow.getByRole("cell")).toHaveText(["20 %", "1"]);
});

test("cancelling an event with a paid order refunds it and e-mails the buyer", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const organiser = await createOrganiser("Console Cancel");
  const event = await createOnSaleEvent(organiser.organizationId, "Rained Off");
  const email = `rained-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const buyer = await buyAsGuest(browser, event.slug, { add: ["Standing"], email });
  await buyer.page.getByRole("button", { name: "Pay €25.00" }).click();
  await expect(buyer.page.getByRole("heading", { name: "Your order is confirmed", level: 1 })).toBeVisible({ timeout: 45_000 });
  await buyer.context.close();

  await page.setViewportSize(DESKTOP);
  await signInWithForm(page, organiser);
  await expect(page).toHaveURL(new RegExp(`/orgs/${organiser.organizationId}/events$`));
  await page.getByRole("link", { name: event.name }).click();
  await expect(page.getByRole("heading", { name: event.name, level: 1 })).toBeVisible();
  await expect(page.locator('dt:text-is("Tickets sold") + dd')).toHaveText("1");

  await page.getByRole("button", { name: "Cancel event…" }).click();
  const confirm = page.getByRole("dialog", { name: "Cancel this event?" });
  const go = confirm.getByRole("button", { name: "Cancel event and refund everyone" });
  await expect(go).toBeDisabled();
  await confirm.getByLabel("Message to buyers").fill("The hall is flooded; we are sorry.");
  await expectNoAccessibilityViolations(page, "the cancel dialog");
  await go.click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();

  // The refund goes through the saga; the page follows it by itself.
  const progress = page.getByRole("region", { name: "Cancellation refunds" });
  await expect(progress.getByRole("status")).toHaveText("1 of 1 orders refunded · 0 pending · 0 not started", { timeout: 60_000 });
  await expect(progress.getByRole("progressbar", { name: "Orders refunded" })).toHaveAttribute("value", "1");
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await saveScreenshot(page, testInfo, "console-event-cancelled");
  await checkOnPhone(page, "the cancelled event");
  expect((await ordersOf(event.id)).map((o) => o.status)).toEqual(["REFUNDED"]);

  // The buyer hears of it once, with the organiser's words.
  await expect
    .poll(async () => (await mailsTo(e2eConfig.ports.mailHttp, email)).filter((mail) => mail.subject === `Cancelled: ${event.name}`).length, {
      timeout: 60_000,
    })
    .toBe(1);
  const mail = (await mailsTo(e2eConfig.ports.mailHttp, email)).find((m) => m.subject === `Cancelled: ${event.name}`)!;
  expect(mail.text).toContain("The hall is flooded; we are sorry.");
});
