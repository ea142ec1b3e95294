// Ticket self-service in Chromium against the whole stack: a signed-in buyer pays for two tickets,
// changes the name on one and transfers the other; the recipient's e-mail (SMTP catcher) opens
// their ticket page in a fresh browser, and the door's verification refuses the old code.
import { stripeTestCardNumber } from "@marquee/config/stripe-test-cards";
import { createDb, type Db } from "@marquee/db";
import { createFactories, TEST_PASSWORD } from "@marquee/db/testing";
import { type Page, expect, test } from "@playwright/test";
import { fixedClock } from "@marquee/api/clock";
import { verifyTicket } from "@marquee/api/services/checkin/verify-ticket";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { e2eConfig, testDatabaseUrl } from "../support/env.ts";
import { saveScreenshot, signInWithForm } from "../support/fixtures.ts";
import { closeShopData, createShopEvent, mailsTo } from "../support/shop-data.ts";

let db: Db | undefined;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 1 }));

test.afterAll(async () => {
  await closeShopData();
  await db?.$disconnect();
});

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

test("a buyer changes a name and transfers a ticket; the recipient opens it from the e-mail; the old code is refused", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const event = await createShopEvent({ name: "Transfer Night" });
  const buyer = await createFactories(database()).user({ email: `transfer-buyer-${crypto.randomUUID().slice(0, 8)}@example.test`, name: "Tess Buyer" });
  const recipientEmail = `transfer-recipient-${crypto.randomUUID().slice(0, 8)}@example.test`;

  // Signed in (a user of this spec's own), two tickets paid with the test card.
  await signInWithForm(page, { email: buyer.email, password: TEST_PASSWORD });
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto(`/events/${event.slug}`);
  await page.getByRole("button", { name: "Add one Standing ticket" }).click();
  await page.getByRole("button", { name: "Add one Standing ticket" }).click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
  await page.getByLabel("Full name").fill("Tess Buyer");
  await page.getByLabel("E-mail").fill(buyer.email);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.getByLabel("Card number").fill(stripeTestCardNumber("pm_card_visa"));
  await page.getByLabel("Expiry date (MM/YY)").fill("12/34");
  await page.getByLabel("Security code (CVC)").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByRole("heading", { name: "Your order is confirmed", level: 1 })).toBeVisible({ timeout: 45_000 });
  const orderId = /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  // The account's order page, on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/account/orders/${orderId}`);
  const manage = page.getByRole("region", { name: "Manage your tickets" });
  await expect(manage).toBeVisible();
  await expect(manage.getByText(/You can change the names on your tickets and transfer them until/)).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAccessibilityViolations(page, "the order page's ticket self-service");
  const tickets = await database().ticket.findMany({ where: { orderId }, orderBy: { id: "asc" } });
  expect(tickets).toHaveLength(2);
  const [renamed, given] = tickets as [(typeof tickets)[number], (typeof tickets)[number]];

  // Name change: a modal dialog; the order shows the new name.
  await manage.getByRole("button", { name: `Change the name on Standing ${renamed.shortCode}` }).click();
  const renameDialog = page.getByRole("dialog", { name: "Change the name on the ticket" });
  await expect(renameDialog).toBeVisible();
  await expectNoAccessibilityViolations(page, "the name dialog");
  await renameDialog.getByLabel("Name on the ticket").fill("Nora Newname");
  await renameDialog.getByRole("button", { name: "Save name" }).click();
  await expect(renameDialog).toBeHidden();
  await expect(manage.getByText("The ticket now shows Nora Newname.")).toBeVisible();
  await expect(manage.getByText("Name on ticket: Nora Newname")).toBeVisible();

  // Transfer: the other ticket to the recipient.
  await manage.getByRole("button", { name: `Transfer Standing ${given.shortCode}` }).click();
  const transferDialog = page.getByRole("dialog", { name: "Transfer the ticket" });
  await transferDialog.getByLabel("Recipient's name").fill("Rita Recipient");
  await transferDialog.getByLabel("Recipient's e-mail").fill(recipientEmail);
  await saveScreenshot(page, testInfo, "transfer-dialog-390");
  await transferDialog.getByRole("button", { name: "Transfer ticket" }).click();
  await expect(transferDialog).toBeHidden();
  await expect(manage.getByText(/The ticket was transferred to t•••.@example\.test/)).toBeVisible();
  await expect(page.getByText(/^Transferred to t•••.@example\.test$/).first()).toBeVisible();
  await expect(page.getByRole("img", { name: /^QR code for ticket / })).toHaveCount(1);
  await expectNoSidewaysScroll(page);
  await saveScreenshot(page, testInfo, "order-after-transfer-390");

  // The door: the old code is refused, naming the transfer; the recipient's new code admits.
  const old = await database().ticket.findUniqueOrThrow({ where: { id: given.id } });
  expect(old.status).toBe("TRANSFERRED");
  const atTheDoor = { db: database(), clock: fixedClock((await database().event.findUniqueOrThrow({ where: { id: event.id } })).startsAt) };
  const organizationId = (await database().event.findUniqueOrThrow({ where: { id: event.id } })).organizationId;
  expect(await verifyTicket(atTheDoor, organizationId, { eventId: event.id, code: old.signedCode })).toMatchObject({ ok: false, reason: "TRANSFERRED" });
  const created = await database().ticket.findUniqueOrThrow({ where: { id: old.transferredToTicketId! } });
  expect(await verifyTicket(atTheDoor, organizationId, { eventId: event.id, code: created.signedCode })).toMatchObject({ ok: true });

  // The recipient's e-mail opens their ticket in another browser (no session, no cart).
  await expect.poll(async () => (await mailsTo(e2eConfig.ports.mailHttp, recipientEmail)).length, { timeout: 30_000 }).toBe(1);
  const [mail] = await mailsTo(e2eConfig.ports.mailHttp, recipientEmail);
  const link = /(\/tickets\/v1~[A-Za-z0-9_~-]+)/.exec(mail!.text ?? "")![1]!;
  const recipientContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const recipientPage = await recipientContext.newPage();
  await recipientPage.goto(`${e2eConfig.urls.web}${link}`);
  await expect(recipientPage.getByRole("heading", { name: `Your ticket for ${event.name}`, level: 1 })).toBeVisible();
  await expect(recipientPage.getByRole("img", { name: `QR code for ticket ${created.shortCode}` })).toBeVisible();
  await expect(recipientPage.getByText("Rita Recipient")).toBeVisible();
  const pdf = await recipientPage.getByRole("link", { name: "Download ticket (PDF)" }).getAttribute("href");
  const response = await recipientPage.request.get(pdf!);
  expect(response.status()).toBe(200);
  expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await expectNoSidewaysScroll(recipientPage);
  await expectNoAccessibilityViolations(recipientPage, "the transferred ticket's page");
  await saveScreenshot(recipientPage, testInfo, "transferred-ticket-390");
  await recipientContext.close();

  // The buyer is told too.
  await expect
    .poll(async () => (await mailsTo(e2eConfig.ports.mailHttp, buyer.email)).some((m) => m.subject.startsWith("You transferred a ticket")), { timeout: 30_000 })
    .toBe(true);
});
