// What a ticket buyer does on the customer site, in Chromium against the whole stack (web app,
// workers, Soketi, the local Stripe server, the SMTP catcher): queue, hold, pay, tickets.
import { stripeTestCardNumber } from "@marquee/config/stripe-test-cards";
import { type Browser, type Page, expect, test } from "@playwright/test";
import { e2eConfig } from "../support/env.ts";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { saveScreenshot } from "../support/fixtures.ts";
import { answerAsAgent, closeShopData, createShopEvent, mailsTo, salesOf } from "../support/shop-data.ts";

test.afterAll(closeShopData);

const buyerEmail = (what: string) => `${what}-${crypto.randomUUID().slice(0, 8)}@example.test`;

/** Fills the checkout's details and goes on to the card form. */
async function enterDetails(page: Page, email: string) {
  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
  await page.getByLabel("Full name").fill("Grace Buyer");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Continue to payment" }).click();
}

async function payWithCard(page: Page, cardNumber: string) {
  await page.getByLabel("Card number").fill(cardNumber);
  await page.getByLabel("Expiry date (MM/YY)").fill("12/34");
  await page.getByLabel("Security code (CVC)").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
}

/** Downloads a document link of the confirmation page and checks it is a PDF. */
async function expectPdf(page: Page, linkName: string | RegExp) {
  const href = await page.getByRole("link", { name: linkName }).getAttribute("href");
  expect(href).toBeTruthy();
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/pdf");
  expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
}

test("a guest waits in the flash sale's queue, holds a ticket, pays with a test card and gets tickets, PDFs and an e-mail", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  // The waiting room is open; the sale starts in 20 s: the buyer waits in the pre-queue first.
  const event = await createShopEvent({ name: "Flash Sale", waitingRoom: true, onSaleInSeconds: 20 });
  const email = buyerEmail("flash");
  await page.goto(`/events/${event.slug}`);
  await expect(page.getByRole("heading", { name: event.name, level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Join the queue" }).click();

  await expect(page.getByRole("heading", { name: "Waiting room", level: 1 })).toBeVisible();
  await expect(page.getByText("You're in the pre-queue")).toBeVisible();
  await saveScreenshot(page, testInfo, "waiting-room");
  await expectNoAccessibilityViolations(page, "the waiting room");
  // A reload keeps the place (the queue ticket lives in the cart).
  await page.reload();
  await expect(page.getByRole("heading", { name: "Waiting room", level: 1 })).toBeVisible();

  // At the on-sale the draw admits the buyer, who lands on the ticket selection.
  await expect(page.getByText("It's your turn!")).toBeVisible({ timeout: 60_000 });
  await expect(page).toHaveURL(new RegExp(`/events/${event.slug}`));
  await page.getByRole("button", { name: "Add one Standing ticket" }).click();
  await saveScreenshot(page, testInfo, "event-page");
  await expectNoAccessibilityViolations(page, "the event page");
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
  await expectNoAccessibilityViolations(page, "the checkout");
  await enterDetails(page, email);
  await expect(page.getByRole("timer", { name: "Time left to pay" })).toBeVisible();
  await expect(page.getByLabel("Card number")).toBeVisible();
  await expectNoAccessibilityViolations(page, "the payment form");
  await payWithCard(page, stripeTestCardNumber("pm_card_visa"));

  await expect(page.getByRole("heading", { name: "Your order is confirmed", level: 1 })).toBeVisible({ timeout: 45_000 });
  const qr = page.getByRole("img", { name: /^QR code for ticket / });
  await expect(qr).toHaveCount(1);
  await expect(qr).toBeVisible();
  await expectPdf(page, "Download tickets (PDF)");
  await expectPdf(page, /^Download invoice .* \(PDF\)$/);
  await expect(page.getByRole("link", { name: "Add to calendar" })).toHaveAttribute("href", `/events/${event.slug}/calendar.ics`);
  await saveScreenshot(page, testInfo, "confirmation");
  await expectNoAccessibilityViolations(page, "the confirmation");

  // The confirmation e-mail reaches the SMTP catcher with both PDFs attached.
  await expect.poll(async () => (await mailsTo(e2eConfig.ports.mailHttp, email)).length, { timeout: 30_000 }).toBe(1);
  const [mail] = await mailsTo(e2eConfig.ports.mailHttp, email);
  expect(mail!.attachments?.map((attachment) => attachment.contentType)).toEqual(["application/pdf", "application/pdf"]);
});

/** A page on the event, with its seat map drawn. */
async function openSeatMap(browser: Browser, slug: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/events/${slug}`);
  await expect(page.getByRole("heading", { name: "Choose your seats" })).toBeVisible();
  return { context, page, seat: (name: RegExp) => page.getByRole("checkbox", { name }) };
}

test("two buyers on a reserved event: a seat one holds turns unavailable for the other within a second, without reload", async ({ browser }, testInfo) => {
  const event = await createShopEvent({ name: "Seated Show", reservedSeats: { rows: 2, seatsPerRow: 6 } });
  const first = await openSeatMap(browser, event.slug);
  const second = await openSeatMap(browser, event.slug);
  const seatA3 = /^Stalls, row A, seat 3, /;
  await expect(second.seat(seatA3)).toHaveAccessibleName(/available$/);

  await first.seat(seatA3).click();
  await expect(first.seat(seatA3)).toHaveAccessibleName(/selected$/);
  await saveScreenshot(first.page, testInfo, "seat-map");
  await expectNoAccessibilityViolations(first.page, "the seat map");
  const held = first.page.waitForResponse((response) => response.url().includes("hold.create") && response.status() === 200);
  await first.page.getByRole("button", { name: "Continue", exact: true }).click();
  await held;
  const heldAt = Date.now();
  await expect(second.seat(seatA3)).toHaveAccessibleName(/(on hold|unavailable)$/, { timeout: 1_000 });
  console.info(`seat turned unavailable for the other buyer ${Date.now() - heldAt} ms after the hold answered`);
  await expect(first.page).toHaveURL(/\/checkout\//);
  await saveScreenshot(second.page, testInfo, "seat-map-live");

  // The map is one tab stop; arrow keys move between seats, Space selects.
  await second.seat(/^Stalls, row A, seat 1, /).focus();
  await second.page.keyboard.press("ArrowRight");
  await expect(second.seat(/^Stalls, row A, seat 2, /)).toBeFocused();
  await second.page.keyboard.press("Space");
  await expect(second.seat(/^Stalls, row A, seat 2, /)).toHaveAccessibleName(/selected$/);
  await expect(second.page.getByRole("button", { name: "Remove Stalls, row A, seat 2" })).toBeVisible();
  await first.context.close();
  await second.context.close();
});

test("when the hold runs out, the countdown reaches zero, the tickets go back on sale and the page says so", async ({ page }) => {
  test.setTimeout(150_000);
  const event = await createShopEvent({ name: "Short Hold", holdTtlSeconds: 60 });
  await page.goto(`/events/${event.slug}`);
  await expect(page.getByText("200 left")).toBeVisible();
  await page.getByRole("button", { name: "Add one Standing ticket" }).click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
  const timer = page.getByRole("timer", { name: "Time left to pay" });
  await expect(timer).toHaveText(/^0[01]:\d\d$/);
  // Clicking around does not reset it.
  await page.getByLabel("Full name").fill("Clock Watcher");
  await expect(timer).toHaveText(/^00:\d\d$/, { timeout: 15_000 });

  await expect(page.getByRole("heading", { name: "Your hold has expired", level: 1 })).toBeVisible({ timeout: 75_000 });
  await expect(page.getByText("Your hold has expired and the tickets were released.")).toBeVisible();
  await page.getByRole("link", { name: `Back to ${event.name}` }).click();
  await expect(page.getByText("200 left")).toBeVisible({ timeout: 15_000 });
});

test("a declined card, then a good one: one order and one payment", async ({ page }) => {
  test.setTimeout(120_000);
  const event = await createShopEvent({ name: "Second Card" });
  await page.goto(`/events/${event.slug}`);
  await page.getByRole("button", { name: "Add one Standing ticket" }).click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await enterDetails(page, buyerEmail("declined"));

  await payWithCard(page, stripeTestCardNumber("pm_card_chargeDeclined"));
  await expect(page.getByRole("alert").filter({ hasText: "Your card was declined. Please try another card." })).toBeVisible();
  await payWithCard(page, stripeTestCardNumber("pm_card_visa"));
  await expect(page.getByRole("heading", { name: "Your order is confirmed", level: 1 })).toBeVisible({ timeout: 45_000 });

  const sales = await salesOf(event.id);
  expect(sales.orders).toEqual(["PAID"]);
  expect(sales.payments).toHaveLength(1);
  expect(sales.payments[0]).toMatchObject({ status: "CAPTURED" });
});

test("a buyer contacts support from the footer and sees the agent's reply", async ({ page }) => {
  const event = await createShopEvent({ name: "Help Night" });
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Contact support" }).click();
  await expect(page.getByRole("heading", { name: "Contact support", level: 1 })).toBeVisible();
  await page.getByLabel("Your name").fill("Hedy Buyer");
  await page.getByLabel("E-mail").fill(buyerEmail("support"));
  await expect(page.getByLabel("What is it about?")).toContainText(event.name);
  await page.getByLabel("What is it about?").selectOption(event.id);
  await page.getByLabel("Subject").fill("Step-free access");
  await page.getByRole("textbox", { name: "Message" }).fill("Is there step-free access to the hall?");
  await page.getByRole("button", { name: "Send message" }).click();

  await expect(page.getByRole("heading", { name: "Step-free access", level: 1 })).toBeVisible();
  const conversationId = new URL(page.url()).pathname.split("/").pop()!;
  await answerAsAgent(conversationId, "Yes: the side entrance has a ramp.");
  await page.reload();
  await expect(page.getByRole("log")).toContainText("Yes: the side entrance has a ramp.");
  await expect(page.getByRole("log")).toContainText("Grace, support team");
  await expectNoAccessibilityViolations(page, "a support conversation");
});

test("the site switches to German: strings, prices and dates follow", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByLabel("Language").selectOption("de");
  await expect(page.getByRole("heading", { name: "Kommende Veranstaltungen", level: 1 })).toBeVisible();
  await expectNoAccessibilityViolations(page, "the listing in German");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("list", { name: "Kommende Veranstaltungen" })).toContainText("Ab 39,00 €");
  await page.getByRole("contentinfo").getByLabel("Sprache").selectOption("en");
  await expect(page.getByRole("heading", { name: "Upcoming events", level: 1 })).toBeVisible();
});

/** The link in the one mail with this subject to the address, once it has arrived. */
async function linkMailed(email: string, subject: string) {
  await expect
    .poll(async () => (await mailsTo(e2eConfig.ports.mailHttp, email)).filter((mail) => mail.subject === subject).length, { timeout: 30_000 })
    .toBe(1);
  const mail = (await mailsTo(e2eConfig.ports.mailHttp, email)).find((candidate) => candidate.subject === subject);
  const link = mail!.text?.match(/https?:\/\/\S+\/api\/auth\/callback\/email\S+/)?.[0];
  expect(link, mail!.text ?? "no text part").toBeTruthy();
  return link!;
}

test("a buyer signs up, confirms the address by link, saves their preferences, signs out and comes back with an e-mailed sign-in link", async ({ page }) => {
  const email = buyerEmail("account");
  await page.goto("/signup");
  await expect(page.getByRole("heading", { name: "Create your account", level: 1 })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Ada Newcomer");
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();

  // No password sign-in until the address is proven: the buyer confirms it with the e-mailed link.
  await expect(page.getByRole("heading", { name: "Confirm your e-mail address", level: 1 })).toBeVisible();
  await page.goto(await linkMailed(email, "Confirm your e-mail address for Marquee"));
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expect(page.getByText("You have no orders yet.")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your preferences are saved.")).toBeVisible();
  await expectNoAccessibilityViolations(page, "the account page");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/signin");
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.goto(await linkMailed(email, "Your Marquee sign-in link"));
  await expect(page.getByText("Signed in as")).toContainText("Ada Lovelace");
});
