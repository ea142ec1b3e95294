import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";

// Issue 11: event images (responsive, stored sizes served by /api/images), designed placeholder
// art for events without one, and organiser texts in the reader's language with a fallback to
// the event's default language. Demo data: the concert and Hamlet have images and German texts,
// the flash sale has neither (packages/db/src/seed).

const PHONE = { width: 390, height: 844 };

async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll, "page wider than the viewport").toBeLessThanOrEqual(widths.inner);
}

/** The image has a srcset of stored sizes, has loaded, and the file it chose answers 200 as a cacheable WebP. */
async function expectLoadedImage(page: Page, image: Locator, name: string) {
  await expect(image).toHaveAttribute("srcset", new RegExp(`/api/images/demo/${name}/\\d+\\.webp \\d+w, `));
  await expect(image).toHaveAttribute("sizes", /\S/);
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
  const chosen = await image.evaluate((img: HTMLImageElement) => img.currentSrc);
  expect(chosen).toMatch(new RegExp(`/api/images/demo/${name}/\\d+\\.webp$`));
  const response = await page.request.get(chosen);
  expect(response.status()).toBe(200);
  expect(response.headers()).toMatchObject({ "content-type": "image/webp", "cache-control": "public, max-age=31536000, immutable" });
}

const card = (page: Page, name: RegExp) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });

test("event content: cards and event pages show the image, or placeholder art, at 390 px without sideways scroll", async ({ page }) => {
  // Three pages, each checked with axe: slow on two shared cores.
  test.setTimeout(150_000);
  await page.setViewportSize(PHONE);
  await page.goto("/");
  const concert = card(page, /^Northern Lights/);
  await expectLoadedImage(page, concert.getByTestId("event-image"), "northern-lights");
  await expect(concert.getByTestId("event-image")).toHaveAttribute("alt", /northern lights over dark hills/);
  const flash = card(page, /^Midnight Drop/);
  await expect(flash.getByTestId("event-placeholder-art")).toBeVisible();
  await expect(flash.locator("img")).toHaveCount(0);
  // The cards and their images fit the phone (the whole page's width is the search form's, issue 11 item 1).
  const overflowing = await page
    .locator(".event-card")
    .evaluateAll((cards) => cards.filter((card) => card.getBoundingClientRect().right > window.innerWidth).length);
  expect(overflowing).toBe(0);
  await expectNoAccessibilityViolations(page, "home with event images");

  await page.goto("/events/northern-lights-live");
  const hero = page.getByTestId("event-image");
  // The hero is the page's largest paint: fetched eagerly and first.
  await expect(hero).toHaveAttribute("fetchpriority", "high");
  await expect(hero).not.toHaveAttribute("loading", "lazy");
  await expectLoadedImage(page, hero, "northern-lights");
  await expectNoSidewaysScroll(page);
  await expectNoAccessibilityViolations(page, "event page with an image");

  await page.goto("/events/midnight-drop-secret-show");
  const art = page.getByTestId("event-placeholder-art");
  await expect(art).toBeVisible();
  await expect(art).toHaveAttribute("data-motif", "stage-lights");
  await expect(art.locator("text")).toHaveText("MD");
  const box = await art.boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  await expectNoSidewaysScroll(page);
  await expectNoAccessibilityViolations(page, "event page with placeholder art");
});

test("event content: /de/ shows the German description where the organiser gave one and the default language where not", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto("/de/events/northern-lights-live");
  const description = page.getByTestId("event-description");
  await expect(description).toContainText("Ein Abend voller schimmerndem Synthpop.");
  await expect(description).not.toHaveAttribute("lang", /./);
  await expect(page.getByText("Stufenloser Eingang an der Uferstraße")).toBeVisible();
  await expect(page.getByTestId("event-image")).toHaveAttribute("alt", /Nordlicht über dunklen Hügeln/);
  // Ticket type names come from the browser's own read, in the page's language too.
  await expect(page.getByText("Stehplatz").first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAccessibilityViolations(page, "German event page with German texts");

  await page.goto("/de/events/midnight-drop-secret-show");
  const fallback = page.getByTestId("event-description");
  await expect(fallback).toContainText("500 tickets, one night, lineup revealed at the door.");
  // Marked as English for screen readers inside the German page.
  await expect(fallback).toHaveAttribute("lang", "en");
  await expectNoAccessibilityViolations(page, "German event page with the English fallback");

  // The English page keeps the English description.
  await page.goto("/en/events/northern-lights-live");
  await expect(page.getByTestId("event-description")).toContainText("An evening of shimmering synth-pop.");
});
