// The box office in Chromium against the whole stack: a box-office member sells two tickets at the
// door for cash, sees the change due, then the tickets and the invoice the workers issue (order.paid
// → payment worker → invoice worker). Axe on each screen, and the page fits a 390 px phone.
import { createDb, type Db } from "@marquee/db";
import { createFactories, TEST_PASSWORD } from "@marquee/db/testing";
import { expect, test } from "@playwright/test";
import { checkAtPhoneWidth } from "../support/accessibility.ts";
import { testDatabaseUrl } from "../support/env.ts";
import { saveScreenshot, signInWithForm } from "../support/fixtures.ts";
import { closeShopData, createShopEvent } from "../support/shop-data.ts";

let db: Db | undefined;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 1 }));

test.afterAll(async () => {
  await closeShopData();
  await db?.$disconnect();
});

test("a box-office member sells two tickets for cash, sees the change, the tickets and the invoice", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const event = await createShopEvent({ name: "Door Sales Night" });
  const { organizationId } = await database().event.findUniqueOrThrow({ where: { id: event.id }, select: { organizationId: true } });
  const seller = await createFactories(database()).member(organizationId, "BOX_OFFICE", {
    email: `box-office-${crypto.randomUUID().slice(0, 8)}@example.test`,
  });

  await signInWithForm(page, { email: seller.email, password: TEST_PASSWORD });
  await expect(page).toHaveURL(/\/orgs\//, { timeout: 30_000 });
  await page.getByRole("link", { name: "Box office", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Box office" })).toBeVisible();
  await expect(page.getByLabel("Event", { exact: true })).toContainText(event.name);
  await expect(page.getByText("200 left")).toBeVisible();

  await page.getByRole("button", { name: "+ one Standing" }).click();
  await page.getByRole("button", { name: "+ one Standing" }).click();
  await expect(page.getByLabel("Standing", { exact: true })).toHaveValue("2");
  await page.getByLabel("Cash tendered").fill("60");
  await expect(page.getByText("Change due €10.00")).toBeVisible();
  await checkAtPhoneWidth(page, "the box office's sale form");
  await saveScreenshot(page, testInfo, "console-box-office-sale");

  await page.getByRole("button", { name: "Sell 2 ticket(s) · €50.00" }).click();
  const sold = page.getByRole("heading", { level: 2, name: /^Sold: order MQ-/ });
  await expect(sold).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Change due €10.00")).toBeVisible();
  const order = await database().order.findFirstOrThrow({ where: { eventId: event.id }, include: { payments: true } });
  expect(order).toMatchObject({ status: "PAID", channel: "BOX_OFFICE", totalMinor: 5000 });
  expect(order.payments[0]).toMatchObject({ provider: "cash", status: "CAPTURED" });
  await expect(sold).toContainText(order.reference);

  // The payment worker issues the tickets, the invoice worker the invoice: the receipt polls until both are there.
  await expect(page.getByRole("link", { name: "Tickets PDF (print or show)" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("link", { name: /^Invoice / })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("listitem").filter({ hasText: "Standing" })).toHaveCount(2);
  const invoice = await page.getByRole("link", { name: /^Invoice / }).getAttribute("href");
  const pdf = await page.request.get(invoice!);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  await checkAtPhoneWidth(page, "the box office's receipt");
  await saveScreenshot(page, testInfo, "console-box-office-receipt");

  await page.getByRole("button", { name: "Next sale" }).click();
  await expect(page.getByText("198 left")).toBeVisible({ timeout: 15_000 });
});
