// The console's orders in Chromium against the whole stack: a guest buys two tickets on the shop;
// the organiser finds the order by e-mail and by ticket code, refunds one ticket (the payment
// worker completes it, the buyer gets the e-mail, the order page's audit trail and e-mails show
// it), then downloads the event's attendees as CSV and it parses. Phone layout and axe on each screen.
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
