// The console's event content and order filters in Chromium against the whole stack: an organiser
// uploads an event image with its description (a file that only claims to be a PNG is refused by
// its bytes), writes the German name and image description, and the shop shows them on the English
// and the /de event page; removing the image brings the placeholder art back. The orders list
// filters by event, channel and dates, kept in the URL across a reload. Phone width and axe on each screen.
import { type Page, expect, test } from "@playwright/test";
import sharp from "sharp";
import { checkAtPhoneWidth } from "../support/accessibility.ts";
import { closeConsoleData, createClosedOrder, createOnSaleEvent, createOrganiser } from "../support/console-data.ts";
import { e2eConfig } from "../support/env.ts";
import { saveScreenshot, signInWithForm } from "../support/fixtures.ts";

test.afterAll(closeConsoleData);

const DESKTOP = { width: 1280, height: 900 };
const DAY = 24 * 3_600_000;

/** A photo-like PNG: a 1200x600 gradient. */
const poster = () =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="600"><defs><linearGradient id="g"><stop offset="0" stop-color="#0f766e"/><stop offset="1" stop-color="#f59e0b"/></linearGradient></defs><rect width="1200" height="600" fill="url(#g)"/></svg>`,
    ),
  )
    .png()
    .toBuffer();

/** The shop's event image has loaded from the stored sizes and carries the description. */
async function expectShopImage(page: Page, alt: string) {
  const image = page.getByTestId("event-image");
  await expect(image).toHaveAttribute("alt", alt);
  await expect(image).toHaveAttribute("srcset", /\/api\/images\/events\/[0-9a-f-]{36}\/[0-9a-f]{24}\/\d+\.webp \d+w/);
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
}

test("an organiser uploads an event image with its description and German texts; the shop shows them in English and German", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const organiser = await createOrganiser("Console Content");
  const event = await createOnSaleEvent(organiser.organizationId, "Harbour Lights");
  const germanName = `Hafenlichter ${event.name.slice(-6)}`;
  await page.setViewportSize(DESKTOP);
  await signInWithForm(page, organiser);
  await expect(page).toHaveURL(/\/orgs\//, { timeout: 30_000 });
  await page.goto(`/orgs/${organiser.organizationId}/events/${event.id}/edit`);
  await expect(page.getByRole("heading", { name: "Edit event", level: 1 })).toBeVisible();
  const imageForm = page.getByRole("form", { name: "Image" });
  await expect(imageForm).toContainText("No image yet");

  // A text file named and labelled as a PNG passes the browser's check and is refused by its bytes.
  await imageForm.getByLabel(/^Image file/).setInputFiles({ name: "poster.png", mimeType: "image/png", buffer: Buffer.from("not an image at all") });
  await imageForm.getByLabel("Image description (alt text)").fill("Boats in the harbour at night");
  await imageForm.getByRole("button", { name: "Upload image" }).click();
  await expect(imageForm.getByRole("alert")).toContainText("UNSUPPORTED_MEDIA_TYPE");

  // The real image: previewed before it is sent, then stored and served by the console's image route.
  await imageForm.getByLabel(/^Image file/).setInputFiles({ name: "harbour.png", mimeType: "image/png", buffer: await poster() });
  await expect(imageForm.getByRole("img", { name: "Boats in the harbour at night" })).toHaveAttribute("src", /^blob:/);
  await imageForm.getByRole("button", { name: "Upload image" }).click();
  await expect(imageForm.getByRole("status")).toHaveText("Image saved.");
  await expect(imageForm.getByRole("img", { name: "Boats in the harbour at night" })).toHaveAttribute("src", /^\/api\/images\/events\/.+\/\d+\.webp$/);
  await saveScreenshot(page, testInfo, "console-event-image");
  await checkAtPhoneWidth(page, "the event edit page with its image");

  // The German texts, saved with the event's settings.
  await page.getByLabel("Name in German").fill(germanName);
  await page.getByLabel("Image description in German").fill("Boote im Hafen bei Nacht");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: event.name, level: 1 })).toBeVisible({ timeout: 20_000 });
  await saveScreenshot(page, testInfo, "console-event-content");

  // The shop, in a browser of its own: English, then German.
  const shop = await browser.newContext({ baseURL: e2eConfig.urls.web });
  const buyer = await shop.newPage();
  await buyer.goto(`/events/${event.slug}`);
  await expect(buyer.getByRole("heading", { name: event.name, level: 1 })).toBeVisible();
  await expectShopImage(buyer, "Boats in the harbour at night");
  await buyer.goto(`/de/events/${event.slug}`);
  await expect(buyer.getByRole("heading", { name: germanName, level: 1 })).toBeVisible();
  await expectShopImage(buyer, "Boote im Hafen bei Nacht");

  // Removed again: the shop draws its placeholder art.
  await page.goto(`/orgs/${organiser.organizationId}/events/${event.id}/edit`);
  await page.getByRole("form", { name: "Image" }).getByRole("button", { name: "Remove image" }).click();
  await expect(page.getByRole("form", { name: "Image" }).getByRole("status")).toHaveText("Image removed.");
  // The shop's event page is cached for up to 30 s and re-rendered in the background: reload until it shows.
  await buyer.goto(`/events/${event.slug}`);
  await expect(async () => {
    await buyer.reload();
    await expect(buyer.getByTestId("event-placeholder-art")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000, 5_000] });
  await expect(buyer.getByTestId("event-image")).toHaveCount(0);
  await shop.close();
});

test("the orders list filters by event, channel and dates, kept in the URL across a reload", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const organiser = await createOrganiser("Console Filters");
  const first = await createOnSaleEvent(organiser.organizationId, "Filter Night");
  const second = await createOnSaleEvent(organiser.organizationId, "Other Night");
  const now = Date.now();
  await createClosedOrder(first, { buyerName: "Ada Early", status: "CANCELLED", channel: "ONLINE", createdAt: new Date(now - 10 * DAY) });
  const boxOffice = await createClosedOrder(first, { buyerName: "Ben Box", status: "EXPIRED", channel: "BOX_OFFICE", createdAt: new Date(now) });
  await createClosedOrder(second, { buyerName: "Cleo Other", status: "CANCELLED", channel: "ONLINE", createdAt: new Date(now) });

  await page.setViewportSize(DESKTOP);
  await signInWithForm(page, organiser);
  await expect(page).toHaveURL(/\/orgs\//, { timeout: 30_000 });
  await page.goto(`/orgs/${organiser.organizationId}/orders`);
  const rows = page.getByRole("table").getByRole("rowheader");
  await expect(rows).toHaveCount(3);

  const filters = page.getByRole("search", { name: "Search and filter orders" });
  await filters.getByLabel("Event").selectOption({ label: first.name });
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`eventId=${first.id}`));
  await expect(rows).toHaveCount(2);

  const today = new Date(now).toISOString().slice(0, 10);
  await filters.getByLabel("Ordered from (UTC)").fill(today);
  await filters.getByLabel("Ordered until (UTC)").fill(today);
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole("link", { name: boxOffice })).toBeVisible();

  // Reloaded (or shared), the view and its form are the same.
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(filters.getByLabel("Event")).toHaveValue(first.id);
  await expect(filters.getByLabel("Ordered from (UTC)")).toHaveValue(today);
  await saveScreenshot(page, testInfo, "console-orders-filters");
  await checkAtPhoneWidth(page, "the filtered orders list");

  await filters.getByLabel("Channel").selectOption({ label: "Online" });
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No orders match.")).toBeVisible();
  await filters.getByRole("link", { name: "Clear filters" }).click();
  await expect(rows).toHaveCount(3);
});
