// Issue 15, the waiting list, in the browsers: a one-ticket event sells out; a second buyer joins
// the waiting list on the event page (place 1); the organiser refunds the first order in the
// console; the offer e-mail arrives (SMTP catcher) and its link gives the second buyer a hold
// (nobody else may buy meanwhile) that they pay; the console's waiting-list page shows the entry
// purchased and exports the list as CSV. Axe and 390 px on the join form, the offer page and the
// console page; SCREENSHOTS=1 writes docs/screenshots/issue-15/waiting-list-*.png.
import { readFile } from "node:fs/promises";
import { type Browser, type Page, expect, test } from "@playwright/test";
import { checkAtPhoneWidth, expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { enterBuyerDetails, fillTestCard, payAndConfirm } from "../support/checkout.ts";
import { closeConsoleData, createOnSaleEvent, createOrganiser, ordersOfEvent, waitingListEntryOf } from "../support/console-data.ts";
import { e2eConfig } from "../support/env.ts";
import { saveDocScreenshot, signInWithForm } from "../support/fixtures.ts";
import { linkMailed } from "../support/mail.ts";

test.afterAll(async () => {
  await closeConsoleData();
});

const web = (path: string) => new URL(path, e2eConfig.urls.web).toString();

async function shopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: e2eConfig.urls.web, locale: "en-GB" });
  return context.newPage();
}

/** Both widths, axe on each, and the docs' screenshots. */
async function checkScreen(page: Page, where: string, shot: string) {
  await expectNoAccessibilityViolations(page, where);
  await saveDocScreenshot(page, "issue-15", `waiting-list-${shot}`);
  await checkAtPhoneWidth(page, where, () => saveDocScreenshot(page, "issue-15", `waiting-list-${shot}-phone`));
}

test("issue 15: sold out, join the waiting list, a refund frees a ticket, the offer link's hold is paid; console list and export", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const organiser = await createOrganiser("Waiting list");
  const event = await createOnSaleEvent(organiser.organizationId, "Waiting list show", { capacity: 1, waitingListOfferMinutes: 30 });
  const firstEmail = `first-${crypto.randomUUID().slice(0, 6)}@example.test`;
  const secondEmail = `second-${crypto.randomUUID().slice(0, 6)}@example.test`;

  // The first buyer takes the only ticket.
  const first = await shopPage(browser);
  await first.goto(`/events/${event.slug}`);
  await first.getByRole("button", { name: "Add one Standing ticket" }).click();
  await first.getByRole("button", { name: "Continue", exact: true }).click();
  await enterBuyerDetails(first, { name: "First Buyer", email: firstEmail });
  await fillTestCard(first);
  await payAndConfirm(first);
  await first.context().close();

  // Sold out: the second buyer joins the waiting list and sees their place.
  const second = await shopPage(browser);
  await second.goto(`/events/${event.slug}`);
  await expect(second.getByText("Sold out", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  await second.getByTestId("waiting-list-open").click();
  const form = second.getByTestId("waiting-list-form");
  await form.getByLabel("E-mail address").fill(secondEmail);
  await form.getByLabel("Tickets").selectOption("1");
  await checkScreen(second, "the waiting-list join form", "join");
  await form.getByRole("button", { name: "Put me on the list" }).click();
  await expect(second.getByTestId("waiting-list-joined")).toHaveText(/number 1 in line/);
  await checkScreen(second, "the waiting-list answer", "joined");

  // The organiser refunds the first order in the console.
  await signInWithForm(page, organiser);
  await expect(page).toHaveURL(/\/orgs\//, { timeout: 30_000 });
  const [paid] = await ordersOfEvent(event.id);
  expect(paid).toMatchObject({ status: "PAID", buyerEmail: firstEmail });
  await page.goto(`/orgs/${organiser.organizationId}/orders/${paid!.id}`);
  await page
    .getByRole("group", { name: /^Tickets to refund/ })
    .getByRole("checkbox")
    .first()
    .check();
  await page.getByLabel("Reason (the buyer sees it)").fill("Cannot come after all");
  await page.getByRole("button", { name: "Refund 1 ticket(s)" }).click();
  await page.getByRole("dialog", { name: "Refund the buyer?" }).getByRole("button", { name: "Confirm refund" }).click();
  await expect(page.getByText(/Refund of .+ requested\./)).toBeVisible();

  // The offer e-mail; its link opens the offer page.
  const link = await linkMailed(secondEmail, `Tickets are free for you: ${event.name}`, /https?:\/\/\S+\/waiting-list\/offer#token=[A-Za-z0-9_-]{43}/);
  expect(new URL(link).origin).toBe(new URL(e2eConfig.urls.web).origin);
  await expect.poll(async () => (await waitingListEntryOf(event.id, secondEmail))?.status).toBe("OFFERED");

  // Meanwhile the ticket is not on public sale.
  const stranger = await shopPage(browser);
  await stranger.goto(`/events/${event.slug}`);
  await expect(stranger.getByText("Sold out", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  await stranger.context().close();

  // A forged link says so clearly.
  await second.goto(web(`/en/waiting-list/offer#token=${"A".repeat(43)}`));
  await expect(second.getByRole("heading", { name: "This link is no longer valid" })).toBeVisible();

  await second.goto(link);
  await expect(second.getByRole("heading", { name: "Tickets kept for you" })).toBeVisible();
  await expect(second.getByTestId("waiting-list-offer")).toContainText(`1 × Standing for ${event.name}`);
  await checkScreen(second, "the offer page", "offer");
  await second.getByTestId("waiting-list-claim").click();
  await enterBuyerDetails(second, { name: "Second Buyer", email: secondEmail });
  const entry = await waitingListEntryOf(event.id, secondEmail);
  expect(entry?.holdId).toBeTruthy();
  await fillTestCard(second);
  await payAndConfirm(second);
  await expect.poll(async () => (await waitingListEntryOf(event.id, secondEmail))?.status, { timeout: 30_000 }).toBe("PURCHASED");
  await second.context().close();

  // The console's waiting-list page: the entry purchased, filters, the CSV export.
  await page.goto(`/orgs/${organiser.organizationId}/events/${event.id}/waiting-list`);
  await expect(page.getByRole("heading", { name: "Waiting list", level: 1 })).toBeVisible();
  const row = page.getByTestId("wl-row").filter({ hasText: secondEmail });
  await expect(row.getByTestId("wl-state")).toHaveText("Purchased");
  await page.getByTestId("wl-filter").selectOption("WAITING");
  await expect(page.getByText("Nobody on the list in this state yet.")).toBeVisible();
  await page.getByTestId("wl-filter").selectOption("");
  await expect(row).toBeVisible();
  await page.getByTestId("wl-export").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("wl-download").click()]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\n")[0]).toBe("place,status,email,name,ticket_type,quantity,joined_at,offered_at,offer_expires_at,ended_at,order_id");
  expect(csv).toContain(`PURCHASED,${secondEmail}`);
  await checkScreen(page, "the console waiting-list page", "console");
});
