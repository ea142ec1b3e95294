// The console's orders in Chromium against the whole stack: a guest buys two tickets on the shop;
// the organiser finds the order by e-mail and by ticket code, refunds one ticket (the payment
// worker completes it, the buyer gets the e-mail, the order page's audit trail and e-mails show
// it), gives €10.00 back as a goodwill refund (the other ticket stays valid, a second credit note
// appears), then downloads the event's attendees as CSV and it parses. Phone layout and axe on each screen.
import { createDb, type Db } from "@marquee/db";
import { createFactories, TEST_PASSWORD } from "@marquee/db/testing";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { checkAtPhoneWidth } from "../support/accessibility.ts";
import { enterBuyerDetails, fillTestCard, payAndConfirm } from "../support/checkout.ts";
import { e2eConfig, testDatabaseUrl } from "../support/env.ts";
import { saveScreenshot, signInWithForm } from "../support/fixtures.ts";
import { closeShopData, createShopEvent, mailsTo } from "../support/shop-data.ts";

let db: Db | undefined;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 1 }));

test.afterAll(async () => {
  await closeShopData();
  await db?.$disconnect();
});

test("an organiser finds a paid order, refunds one ticket, sees it in the audit trail, and exports the attendees", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const event = await createShopEvent({ name: "Console Orders Night" });
  const { organizationId } = await database().event.findUniqueOrThrow({ where: { id: event.id }, select: { organizationId: true } });
  const owner = await createFactories(database()).member(organizationId, "OWNER", { email: `orders-owner-${crypto.randomUUID().slice(0, 8)}@example.test` });
  const buyerEmail = `orders-buyer-${crypto.randomUUID().slice(0, 8)}@example.test`;

  // A guest buys two tickets on the shop with the test card.
  await page.goto(`${e2eConfig.urls.web}/events/${event.slug}`);
  await page.getByRole("button", { name: "Add one Standing ticket" }).click();
  await page.getByRole("button", { name: "Add one Standing ticket" }).click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await enterBuyerDetails(page, { name: "Olive Orders", email: buyerEmail });
  await fillTestCard(page);
  await payAndConfirm(page);
  const orderId = /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const order = await database().order.findUniqueOrThrow({ where: { id: orderId }, include: { tickets: { orderBy: { id: "asc" } } } });

  // The organiser searches by e-mail, then by a ticket's short code.
  await signInWithForm(page, { email: owner.email, password: TEST_PASSWORD });
  // Signed in once the console has left the sign-in page (it opens the organisation's first page).
  await expect(page).toHaveURL(/\/orgs\//, { timeout: 30_000 });
  await page.goto(`/orgs/${organizationId}/orders`);
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  const search = async (query: string) => {
    await page.getByLabel("Search orders").fill(query);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("table").getByRole("rowheader")).toHaveCount(1);
    await expect(page.getByRole("link", { name: order.reference })).toBeVisible();
  };
  await search(buyerEmail);
  await search(order.tickets[0]!.shortCode.toLowerCase());
  await saveScreenshot(page, testInfo, "console-orders-search");
  await checkAtPhoneWidth(page, "the orders list");

  // The order page: refund the first ticket with a reason.
  await page.getByRole("link", { name: order.reference }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Order ${order.reference}` })).toBeVisible();
  await checkAtPhoneWidth(page, "the order page");
  await page.getByRole("checkbox", { name: new RegExp(order.tickets[0]!.shortCode) }).check();
  await page.getByLabel("Reason (the buyer sees it)").fill("Cannot come after all");
  await page.getByRole("button", { name: "Refund 1 ticket(s)" }).click();
  await page.getByRole("dialog", { name: "Refund the buyer?" }).getByRole("button", { name: "Confirm refund" }).click();
  await expect(page.getByText(/Refund of .+ requested\./)).toBeVisible();

  // The payment worker refunds the card; the buyer gets the partial refund e-mail.
  await expect
    .poll(async () => (await mailsTo(e2eConfig.ports.mailHttp, buyerEmail)).some((mail) => mail.subject === `Partial refund for order ${order.reference}`), {
      timeout: 60_000,
    })
    .toBe(true);
  await page.reload();
  const audit = page.getByTestId("order-audit");
  await expect(audit).toContainText("refund.create");
  await expect(audit).toContainText(owner.email);
  await expect(page.getByTestId("order-emails")).toContainText("refund");
  await expect(page.getByRole("region", { name: "Refunds" })).toContainText("succeeded");
  await saveScreenshot(page, testInfo, "console-order-refunded");

  // A goodwill refund: an amount back, bounded by what is left (€25.00), the other ticket stays valid.
  await page.getByRole("radio", { name: "Refund an amount (goodwill)" }).check();
  await expect(page.getByText("Up to €25.00 is left to refund. Every ticket stays valid.")).toBeVisible();
  const amount = page.getByLabel("Amount (EUR)");
  await amount.fill("30");
  await expect(page.getByText("At most €25.00 is left to refund.")).toBeVisible();
  await checkAtPhoneWidth(page, "the goodwill refund form");
  await amount.fill("10.00");
  await page.getByLabel("Reason (the buyer sees it)").fill("Restricted view from the balcony");
  await page.getByRole("button", { name: "Refund amount" }).click();
  const confirm = page.getByRole("dialog", { name: "Refund the buyer?" });
  await expect(confirm).toContainText("€10.00 as a goodwill refund");
  await expect(confirm).toContainText("Every ticket stays valid.");
  await confirm.getByRole("button", { name: "Confirm refund" }).click();
  await expect(page.getByText("Refund of €10.00 requested.")).toBeVisible();
  // The page refreshes itself until the payment worker has refunded the card and the credit note is issued.
  const refundsList = page.getByRole("region", { name: "Refunds" });
  await expect(refundsList.getByRole("listitem").filter({ hasText: "goodwill, tickets stay valid" })).toContainText("succeeded", { timeout: 60_000 });
  await expect(page.getByRole("region", { name: "Invoices and credit notes" }).getByRole("link", { name: /^Credit note / })).toHaveCount(2, {
    timeout: 60_000,
  });
  await expect
    .poll(async () => (await mailsTo(e2eConfig.ports.mailHttp, buyerEmail)).some((mail) => mail.subject === `Goodwill refund for order ${order.reference}`), {
      timeout: 60_000,
    })
    .toBe(true);
  // The history refreshes itself too: the second refund e-mail and what is still refundable (€15.00).
  await expect(
    page
      .getByTestId("order-emails")
      .getByRole("listitem")
      .filter({ hasText: /^refund to / }),
  ).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Payments" })).toContainText("still refundable 15");
  await expect(page.getByRole("region", { name: "Tickets" }).getByRole("listitem").filter({ hasText: order.tickets[1]!.shortCode })).toContainText("valid");
  expect(await database().order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 3500 });
  await checkAtPhoneWidth(page, "the order page after a goodwill refund");
  await saveScreenshot(page, testInfo, "console-order-goodwill");

  // The event's attendees as CSV: one valid ticket left.
  await page.goto(`/orgs/${organizationId}/exports`);
  await checkAtPhoneWidth(page, "the exports page");
  await page.getByLabel("Event").selectOption({ label: event.name });
  await page.getByRole("button", { name: "Export CSV" }).click();
  const link = page.getByTestId("export-download");
  await expect(link).toBeVisible({ timeout: 30_000 });
  const download = await Promise.all([page.waitForEvent("download"), link.click()]).then(([d]) => d);
  const rows = parse(readFileSync(await download.path()), { columns: true }) as Record<string, string>[];
  expect(rows.map((row) => row.short_code)).toEqual([order.tickets[1]!.shortCode]);
  expect(rows[0]).toMatchObject({ buyer_email: buyerEmail, order_reference: order.reference });
  await saveScreenshot(page, testInfo, "console-exports");
});
