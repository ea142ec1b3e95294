// The buyer's site on phones: the whole purchase (general admission through the flash sale's
// waiting room, and reserved seats) and every other buyer page at 390x844 and 320x640. On every
// page: nothing wider than the viewport, and axe clean.
import { stripeTestCardNumber } from "@marquee/config/stripe-test-cards";
import { type Page, type TestInfo, expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { saveScreenshot, signInWithForm } from "../support/fixtures.ts";
import { closePhoneData, createBuyerAccount } from "../support/phone-data.ts";
import { closeShopData, createShopEvent } from "../support/shop-data.ts";

test.afterAll(async () => {
  await closeShopData();
  await closePhoneData();
});

const PHONES = [
  { name: "390", viewport: { width: 390, height: 844 } },
  { name: "320", viewport: { width: 320, height: 640 } },
] as const;

/** The page's width, and the innermost elements that reach past the viewport's right edge (for the failure message). */
function measureWidth() {
  const innerWidth = window.innerWidth;
  const sticking = Array.from(document.body.querySelectorAll("*")).filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5);
  const innermost = sticking.filter((element) => !sticking.some((other) => other !== element && element.contains(other)));
  const describe = (element: Element) =>
    `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${element.classList.length > 0 ? `.${Array.from(element.classList).join(".")}` : ""} (right ${Math.round(element.getBoundingClientRect().right)})`;
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth, culprits: innermost.slice(0, 6).map(describe) };
}

const buyerEmail = (what: string) => `phone-${what}-${crypto.randomUUID().slice(0, 8)}@example.test`;

for (const phone of PHONES) {
  test.describe(`on a ${phone.viewport.width}x${phone.viewport.height} phone`, () => {
    test.use({ viewport: phone.viewport });

    /**
     * The checks every visited page gets: at 390 the closing note's screenshot first (so it exists
     * even when the page is too wide), then the width (logged, so runs can be compared) and axe.
     */
    async function checkPage(page: Page, testInfo: TestInfo, where: string, screenshot?: string) {
      if (screenshot && phone.name === "390") await saveScreenshot(page, testInfo, `phone-390-${screenshot}`);
      const { scrollWidth, innerWidth, culprits } = await page.evaluate(measureWidth);
      console.info(
        `[phone ${phone.name}] ${where}: ${scrollWidth} px wide in ${innerWidth}${culprits.length > 0 ? `; sticking out: ${culprits.join(", ")}` : ""}`,
      );
      expect.soft(scrollWidth, `${where} at ${phone.name} px scrolls sideways (sticking out: ${culprits.join(", ")})`).toBeLessThanOrEqual(innerWidth);
      await expectNoAccessibilityViolations(page, `${where} at ${phone.name} px`);
    }

    async function enterDetails(page: Page, testInfo: TestInfo, email: string) {
      await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
      await checkPage(page, testInfo, "checkout details");
      await page.getByLabel("Full name").fill("Pat Phone");
      await page.getByLabel("E-mail").fill(email);
      await page.getByRole("button", { name: "Continue to payment" }).click();
      await expect(page.getByLabel("Card number")).toBeVisible();
    }

    async function payAndConfirm(page: Page, testInfo: TestInfo, screenshots: boolean) {
      await page.getByLabel("Card number").fill(stripeTestCardNumber("pm_card_visa"));
      await page.getByLabel("Expiry date (MM/YY)").fill("12/34");
      await page.getByLabel("Security code (CVC)").fill("123");
      // The two short fields sit side by side without covering each other.
      const expiry = await page.getByLabel("Expiry date (MM/YY)").boundingBox();
      const cvc = await page.getByLabel("Security code (CVC)").boundingBox();
      expect(expiry!.x + expiry!.width <= cvc!.x || expiry!.y + expiry!.height <= cvc!.y, "the expiry and CVC fields overlap").toBe(true);
      await checkPage(page, testInfo, "checkout payment", screenshots ? "checkout-payment" : undefined);
      await page.getByRole("button", { name: /^Pay / }).click();
      await expect(page.getByRole("heading", { name: "Your order is confirmed", level: 1 })).toBeVisible({ timeout: 45_000 });
      await expect(page.getByRole("img", { name: /^QR code for ticket / }).first()).toBeVisible();
      await checkPage(page, testInfo, "order confirmation", screenshots ? "confirmation" : undefined);
    }

    test(`general admission through the flash sale's waiting room, paid with the test card (${phone.name})`, async ({ page }, testInfo) => {
      test.setTimeout(300_000);
      // The sale opens a minute after the event is made: time for home, search and the event page first.
      const event = await createShopEvent({ name: `Phone Flash ${phone.name}`, waitingRoom: true, onSaleInSeconds: 60 });
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Upcoming events", level: 1 })).toBeVisible();
      await checkPage(page, testInfo, "home", "home");

      await page.getByLabel("Search").fill(event.name);
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/\/search\?/);
      await page.getByRole("link", { name: event.name }).first().waitFor();
      await checkPage(page, testInfo, "search results");

      await page.getByRole("link", { name: event.name }).first().click();
      await expect(page.getByRole("heading", { name: event.name, level: 1 })).toBeVisible();
      await checkPage(page, testInfo, "event page (general admission, before the sale)");
      await page.getByRole("link", { name: "Join the queue" }).click();
      await expect(page.getByRole("heading", { name: "Waiting room", level: 1 })).toBeVisible();
      await expect(page.getByText(/^(You're in the pre-queue|You are number \d+ in the queue)$/)).toBeVisible();
      await checkPage(page, testInfo, "waiting room");

      await expect(page.getByText("It's your turn!")).toBeVisible({ timeout: 120_000 });
      await expect(page).toHaveURL(new RegExp(`/events/${event.slug}`));
      // The admission's end, in the buyer's clock, with the minutes left (5 by default), and what happens then.
      await expect(page.getByText(/^Your admission is valid until \d\d:\d\d \((5|4) minutes left\)\.$/)).toBeVisible();
      await expect(page.getByText("If it runs out, your turn passes to the next person in line")).toBeVisible();
      await page.getByRole("button", { name: "Add one Standing ticket" }).click();
      await expect(page.getByText("(1 ticket)", { exact: true })).toBeVisible();
      await page.getByRole("button", { name: "Add one Standing ticket" }).click();
      await expect(page.getByText("(2 tickets)", { exact: true })).toBeVisible();
      await checkPage(page, testInfo, "event page (general admission, admitted)");
      await page.getByRole("button", { name: "Continue", exact: true }).click();

      await enterDetails(page, testInfo, buyerEmail("ga"));
      await payAndConfirm(page, testInfo, false);
    });

    test(`reserved seats chosen on the map, paid with the test card (${phone.name})`, async ({ page }, testInfo) => {
      test.setTimeout(240_000);
      const event = await createShopEvent({ name: `Phone Seats ${phone.name}`, reservedSeats: { rows: 4, seatsPerRow: 10 } });
      await page.goto(`/events/${event.slug}`);
      await expect(page.getByRole("heading", { name: "Choose your seats" })).toBeVisible();
      await checkPage(page, testInfo, "event page (reserved, no seats chosen)");

      for (const seat of [4, 5]) {
        await page.getByRole("checkbox", { name: new RegExp(`^Stalls, row B, seat ${seat}, `) }).click();
        await expect(page.getByRole("button", { name: `Remove Stalls, row B, seat ${seat}` })).toBeVisible();
      }
      // The total once, next to Continue, with the count in words.
      const side = page.getByRole("complementary", { name: "Your seats" });
      await expect(side.getByText("€70.00", { exact: true })).toHaveCount(1);
      await expect(side.getByText("(2 tickets)", { exact: true })).toBeVisible();
      await checkPage(page, testInfo, "event page (reserved, two seats chosen)", "seat-map");
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();

      // Releasing asks first; "No" keeps the hold, "Yes" gives the seats back.
      const release = page.getByRole("button", { name: "Release tickets" });
      const dialog = page.getByRole("dialog", { name: "Release your 2 tickets?" });
      await release.click();
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole("button", { name: "No, keep my tickets" })).toBeFocused();
      await checkPage(page, testInfo, "checkout, release dialog");
      await dialog.getByRole("button", { name: "No, keep my tickets" }).click();
      await expect(dialog).toBeHidden();
      await expect(release).toBeFocused();
      await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
      await release.click();
      await dialog.getByRole("button", { name: "Yes, release them" }).click();
      await expect(page.getByRole("heading", { name: "Choose your seats" })).toBeVisible({ timeout: 15_000 });
      const seatB4 = page.getByRole("checkbox", { name: /^Stalls, row B, seat 4, / });
      await expect(seatB4).toHaveAccessibleName(/available$/, { timeout: 15_000 });

      for (const seat of [4, 5]) await page.getByRole("checkbox", { name: new RegExp(`^Stalls, row B, seat ${seat}, `) }).click();
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await enterDetails(page, testInfo, buyerEmail("seats"));
      await payAndConfirm(page, testInfo, true);
    });

    test(`an admission that runs out unused: the event page says so, out loud too, and offers the queue again (${phone.name})`, async ({ page }, testInfo) => {
      test.skip(phone.name !== "390", "the notice's layout is covered at 320 by the purchase; one wait for the expiry is enough");
      test.setTimeout(240_000);
      const event = await createShopEvent({ name: `Phone Lapse ${phone.name}`, waitingRoom: true, onSaleInSeconds: 20, admissionTtlSeconds: 30 });
      await page.goto(`/events/${event.slug}`);
      await page.getByRole("link", { name: "Join the queue" }).click();
      await expect(page.getByRole("heading", { name: "Waiting room", level: 1 })).toBeVisible({ timeout: 60_000 });

      // Admitted at the on-sale, the buyer lands on the event page and lets the 30 s pass.
      await expect(page.getByText("Your admission has run out", { exact: true })).toBeVisible({ timeout: 150_000 });
      await expect(page).toHaveURL(new RegExp(`/events/${event.slug}`));
      await expect(page.locator("[aria-live=polite]").filter({ hasText: /^Your admission has run out\. / })).toHaveCount(1);
      await expect(page.getByRole("link", { name: "Return to your place in the queue" })).toBeVisible();
      await checkPage(page, testInfo, "event page, admission run out");
      await page.getByRole("link", { name: "Join the queue again" }).click();
      await expect(page.getByRole("heading", { name: "Your turn has passed" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Join the queue again" })).toBeVisible();
    });

    test(`the other buyer pages: sign-in, sign-up, support, account (${phone.name})`, async ({ page }, testInfo) => {
      test.setTimeout(300_000);
      await page.goto("/signin");
      await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
      await checkPage(page, testInfo, "sign-in");
      await page.goto("/signup");
      await expect(page.getByRole("heading", { name: "Create your account", level: 1 })).toBeVisible();
      await checkPage(page, testInfo, "sign-up");
      await page.goto("/support");
      await expect(page.getByRole("heading", { name: "Contact support", level: 1 })).toBeVisible();
      await checkPage(page, testInfo, "support");

      await signInWithForm(page, await createBuyerAccount("Pat Phone"));
      await expect(page.getByText("Signed in as")).toContainText("Pat Phone");
      await checkPage(page, testInfo, "home (signed in)");
      await page.getByRole("link", { name: "My account" }).click();
      await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
      await checkPage(page, testInfo, "account");
    });
  });
}
