// The seat map as buyers meet it: seats another buyer holds are shown as held (then sold once
// bought), "best available" suggests seats together, and on a 390x844 phone a tap on a section
// zooms to it with labels, the page never scrolls sideways and axe finds nothing.
import { stripeTestCardNumber } from "@marquee/config/stripe-test-cards";
import { type Browser, type BrowserContextOptions, type Locator, type Page, expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { saveScreenshot } from "../support/fixtures.ts";
import { closeShopData, createShopEvent } from "../support/shop-data.ts";

test.afterAll(closeShopData);

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

async function openSeatMap(browser: Browser, slug: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`/events/${slug}`);
  await expect(page.getByRole("heading", { name: "Choose your seats" })).toBeVisible();
  return { context, page, seat: (name: RegExp) => page.getByRole("checkbox", { name }) };
}

/** The centre of a seat once it has stopped moving (scrolls, zoom animations, late layout), checked to be what a tap there hits. */
async function steadyCentreOf(seat: Locator): Promise<{ x: number; y: number }> {
  let last = "";
  let point = { x: 0, y: 0 };
  await expect
    .poll(
      async () => {
        const box = await seat.boundingBox();
        if (!box) return false;
        point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        const key = `${Math.round(point.x)},${Math.round(point.y)}`;
        const steady = key === last;
        last = key;
        if (!steady) return false;
        return seat.evaluate((element, at) => element.contains(document.elementFromPoint(at.x, at.y)), point);
      },
      { timeout: 30_000, intervals: [100, 250, 500] },
    )
    .toBe(true);
  return point;
}

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, "page width").toBeLessThanOrEqual(innerWidth);
}

test("a seat another buyer holds is shown as held, before and after a reload, and as sold once they pay", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const event = await createShopEvent({ name: "Held Seats", reservedSeats: { rows: 2, seatsPerRow: 6 } });
  const a = await openSeatMap(browser, event.slug);
  const b = await openSeatMap(browser, event.slug);
  const seatA3 = /^Stalls, row A, seat 3, /;
  const seatA4 = /^Stalls, row A, seat 4, /;
  await expect(b.seat(seatA3)).toHaveAccessibleName(/available$/);

  await a.seat(seatA3).click();
  await a.seat(seatA4).click();
  await a.page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(a.page).toHaveURL(/\/checkout\//);

  // Live: the other buyer sees both seats on hold (not sold), and they cannot be chosen.
  await expect(b.seat(seatA3)).toHaveAccessibleName(/on hold$/, { timeout: 10_000 });
  await expect(b.seat(seatA4)).toHaveAccessibleName(/on hold$/);
  await expect(b.seat(seatA3)).toHaveAttribute("aria-disabled", "true");
  // The first read says held too (availability.get's heldSeatIds).
  await b.page.reload();
  await expect(b.seat(seatA3)).toHaveAccessibleName(/on hold$/);
  // The popover tells the same on hover.
  await b.seat(seatA3).hover();
  const popover = b.page.getByTestId("seat-popover");
  await expect(popover).toContainText("Row A · Seat 3");
  await expect(popover).toContainText("Standard");
  await expect(popover).toContainText("€35.00");
  await expect(popover).toContainText("on hold");
  await saveScreenshot(b.page, testInfo, "seat-map-held");

  // A pays with the test card: the seats turn sold for B, live and after a reload.
  await a.page.getByLabel("Full name").fill("Ada Holder");
  await a.page.getByLabel("E-mail").fill(`held-${crypto.randomUUID().slice(0, 8)}@example.test`);
  await a.page.getByRole("button", { name: "Continue to payment" }).click();
  await a.page.getByLabel("Card number").fill(stripeTestCardNumber("pm_card_visa"));
  await a.page.getByLabel("Expiry date (MM/YY)").fill("12/34");
  await a.page.getByLabel("Security code (CVC)").fill("123");
  await a.page.getByRole("button", { name: /^Pay / }).click();
  await expect(a.page.getByRole("heading", { name: "Your order is confirmed", level: 1 })).toBeVisible({ timeout: 45_000 });

  await expect(b.seat(seatA3)).toHaveAccessibleName(/unavailable$/, { timeout: 15_000 });
  await expect(b.seat(seatA4)).toHaveAccessibleName(/unavailable$/);
  await b.page.reload();
  await expect(b.seat(seatA3)).toHaveAccessibleName(/unavailable$/);
  await expect(b.seat(seatA4)).toHaveAccessibleName(/unavailable$/);
  await a.context.close();
  await b.context.close();
});

test("best available suggests seats together nearest the stage; accepting makes them the selection", async ({ browser }) => {
  const event = await createShopEvent({ name: "Best Seats", reservedSeats: { rows: 2, seatsPerRow: 6 } });
  const buyer = await openSeatMap(browser, event.slug);
  const form = buyer.page.getByRole("region", { name: "Best available" });
  await expect(form.getByLabel("Price zone")).toHaveValue(/.+/);
  await form.getByLabel("Seats").selectOption("3");
  await form.getByRole("button", { name: "Find seats" }).click();
  // The stage is above the middle of the (wide) canvas; these seats sit at its left, so the right end of row A wins.
  await expect(form.getByRole("status")).toHaveText("Suggested: 3 seats together, Stalls, row A, seats 4–6.");
  await expect(buyer.page.locator(".seat-suggested")).toHaveCount(3);
  await form.getByRole("button", { name: "Use these seats" }).click();
  for (const label of ["4", "5", "6"]) await expect(buyer.seat(new RegExp(`^Stalls, row A, seat ${label}, `))).toHaveAccessibleName(/selected$/);
  await expect(buyer.page.locator(".seat-suggested")).toHaveCount(0);
  await expect(buyer.page.getByRole("button", { name: "Remove Stalls, row A, seat 5" })).toBeVisible();
  await expectNoAccessibilityViolations(buyer.page, "the seat map with best available");
  await buyer.context.close();
});

test("on a 390x844 phone: the overview leaves touch to the page, a tap zooms to the section with labels and tappable seats", async ({ browser }, testInfo) => {
  // 2,000 seats, axe twice and two full-page screenshots on a phone-sized page: slow on a loaded machine.
  test.setTimeout(300_000);
  const phone = await openSeatMap(browser, "hamlet-reserved", PHONE);
  const { page } = phone;
  const canvas = page.locator("#seat-map-svg");
  // The demo theatre has 2,000 seats: its first read may take a while on a busy machine.
  await expect(canvas).toBeVisible({ timeout: 60_000 });
  await expect(canvas).toHaveAttribute("data-zoomed", "false");
  expect(await canvas.evaluate((svg) => getComputedStyle(svg).touchAction)).toBe("manipulation");
  await expect(page.locator("[data-row-label]")).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await expectNoAccessibilityViolations(page, "the seat map on a phone");
  await saveScreenshot(page, testInfo, "seat-map-phone-overview");

  // A tap on the overview does not choose the (tiny) seat under the finger: it zooms to its section.
  const target = phone.seat(/^Stalls, row J, seat 20, /);
  // The map sits below the fold on a phone: a tap only reaches what is on the screen. Tap only once
  // the page has stopped moving and the point really is on that seat (a late layout shift would
  // otherwise send the tap to the zoom buttons above the map).
  await canvas.evaluate((svg) => svg.scrollIntoView({ block: "center" }));
  const point = await steadyCentreOf(target);
  await page.touchscreen.tap(point.x, point.y);
  await expect(canvas).toHaveAttribute("data-zoomed", "true");
  await expect(target).not.toHaveAccessibleName(/selected$/);
  await expect(page.locator(".seat-map-caption")).toHaveText("Stalls");
  expect(await canvas.evaluate((svg) => getComputedStyle(svg).touchAction)).toBe("none");

  // Once the animation settles: seats at least 24 px, tap cells up to 44 px, row labels readable.
  const glyph = target.locator("circle:not(.seat-focus)").first();
  await expect.poll(async () => (await glyph.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(24);
  const cell = (await target.locator(".seat-hit").boundingBox())!;
  expect(cell.width).toBeGreaterThanOrEqual(44);
  const rowLabel = page.locator('[data-row-label="J"]').first();
  await expect(rowLabel).toBeVisible();
  expect((await rowLabel.boundingBox())!.height).toBeGreaterThanOrEqual(10);

  // Now a tap chooses the seat and the popover names it (the zoom keeps it on the screen).
  const seatPoint = await steadyCentreOf(target);
  await page.touchscreen.tap(seatPoint.x, seatPoint.y);
  await expect(target).toHaveAccessibleName(/selected$/);
  await expect(page.getByTestId("seat-popover")).toContainText("Row J · Seat 20");
  await expectNoSidewaysScroll(page);
  await expectNoAccessibilityViolations(page, "the zoomed seat map on a phone");
  await saveScreenshot(page, testInfo, "seat-map-phone-zoomed");

  await page.getByRole("button", { name: "Whole map" }).tap();
  await expect(canvas).toHaveAttribute("data-zoomed", "false");
  await expect(page.locator("[data-row-label]")).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await phone.context.close();
});
