// The seat map editor: an organiser draws a small reserved-seating map (two sections, an aisle,
// curved rows, two price zones, a blocked and an accessible seat), saves it, and the shop's seat
// picker shows the same seats in the same places (blocked not selectable). Phone and axe too.
import { type Page, expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { e2eConfig } from "../support/env.ts";
import { saveScreenshot, signInWithForm } from "../support/fixtures.ts";
import { closeSeatMapData, createEventOnMap, createOrganiser } from "../support/seat-map-data.ts";
import { drawStallsAndCircle, editorSeats, markBlockedAndAccessibleSeats, relativeTo, shopSeats } from "../support/seat-map-drawing.ts";

test.afterAll(closeSeatMapData);

/** A phone zooms out to fit a page wider than the screen, so the check is against the screen, not innerWidth. */
async function expectNoSidewaysScroll(page: Page) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, "page width").toBeLessThanOrEqual(page.viewportSize()!.width);
}

test("an organiser draws a reserved map and the shop's seat picker shows exactly those seats", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const organiser = await createOrganiser();
  await signInWithForm(page, organiser);
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]{36}\//);
  await page.goto(`/orgs/${organiser.organizationId}/seat-maps`);
  await expect(page.getByRole("heading", { level: 1, name: "Seat maps" })).toBeVisible();
  await page.getByRole("link", { name: "New seat map" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New seat map" })).toBeVisible();

  await page.getByLabel("Map name").fill("Harbour Hall — concert");
  // Two price zones; Stalls with an aisle in the front zone, Circle curved and numbered right to left in the back one.
  await drawStallsAndCircle(page);
  const circle = page.getByRole("group", { name: "Section 2" });

  // A duplicate section name is caught before saving, pointing at the section.
  await circle.getByLabel("Name").fill("Stalls");
  await expect(circle.getByRole("list", { name: "Problems in Stalls" })).toContainText('Section name "Stalls" is used twice.');
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  await circle.getByLabel("Name").fill("Circle");

  // Drag the circle section down a little with the mouse, and nudge it with the keyboard.
  const circleOutline = page.getByRole("button", { name: /^Section Circle:/ });
  const before = (await editorSeats(page)).get("Circle|A|1")!;
  const box = (await circleOutline.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 6);
  await page.mouse.down();
  await page.mouse.move(box.x + 20, box.y + 40, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await editorSeats(page)).get("Circle|A|1")!.y).toBeGreaterThan(before.y);
  await circleOutline.focus();
  const dragged = (await editorSeats(page)).get("Circle|A|1")!;
  await page.keyboard.press("ArrowRight");
  await expect.poll(async () => (await editorSeats(page)).get("Circle|A|1")!.x).toBe(dragged.x + 10);

  // Block Stalls A1 with a click; mark Circle A4 accessible through the keyboard form.
  await markBlockedAndAccessibleSeats(page);
  // Curved: the ends of a row sit nearer the stage than its middle.
  const drawn = await editorSeats(page);
  expect(drawn.get("Circle|A|1")!.y).toBeLessThan(drawn.get("Circle|A|4")!.y);
  // Aisle: a wider gap between Stalls seats 3 and 4 than between 1 and 2.
  expect(drawn.get("Stalls|A|4")!.x - drawn.get("Stalls|A|3")!.x).toBeGreaterThan(drawn.get("Stalls|A|2")!.x - drawn.get("Stalls|A|1")!.x);
  await expectNoAccessibilityViolations(page, "the seat map editor");
  await saveScreenshot(page, testInfo, "console-seat-map-editor");

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved (version 1, 28 seats).")).toBeVisible();
  await expect(page).toHaveURL(/\/seat-maps\/[0-9a-f-]{36}\?saved=created$/);
  const seatMapId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: "Harbour Hall — concert" })).toBeVisible();
  const saved = await editorSeats(page);
  expect(saved.size).toBe(28);

  // The phone: the editor displays and its forms can be edited, with no sideways scroll.
  const phone = await browser.newContext({
    storageState: await page.context().storageState(),
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const phonePage = await phone.newPage();
  await phonePage.goto(`${e2eConfig.urls.admin}/orgs/${organiser.organizationId}/seat-maps/${seatMapId}`);
  await expect(phonePage.getByRole("group", { name: "Seat map preview" })).toBeVisible();
  await phonePage.getByRole("group", { name: "Section 1" }).getByLabel("Rows").fill("3");
  await expect(phonePage.getByText("34 seats in 2 sections · no problems")).toBeVisible();
  await expectNoSidewaysScroll(phonePage);
  await expectNoAccessibilityViolations(phonePage, "the seat map editor on a phone");
  await saveScreenshot(phonePage, testInfo, "console-seat-map-editor-phone");
  await phone.close();

  // The shop: an event on this map shows the same seats in the same relative places.
  const event = await createEventOnMap(organiser.organizationId, seatMapId);
  const shop = await browser.newContext();
  const buyer = await shop.newPage();
  await buyer.goto(`${e2eConfig.urls.web}/events/${event.slug}`);
  await expect(buyer.getByRole("heading", { name: "Choose your seats" })).toBeVisible();
  await expect(buyer.locator("#seat-map-svg [data-seat-id]")).toHaveCount(28);
  const shown = await shopSeats(buyer);
  expect(relativeTo(shown, "Stalls|A|2")).toEqual(relativeTo(saved, "Stalls|A|2"));
  const seat = (name: string) => buyer.getByRole("checkbox", { name: new RegExp(`^${name}, `) });
  await expect(seat("Stalls, row A, seat 1")).toHaveAttribute("aria-disabled", "true");
  await expect(seat("Circle, row A, seat 4")).toHaveAccessibleName(/wheelchair/i);
  await seat("Circle, row A, seat 4").click();
  await expect(seat("Circle, row A, seat 4")).toHaveAccessibleName(/selected$/);
  // Each section carries its name on the map, the curved one too.
  await expect(buyer.locator("[data-section-label]")).toHaveText(["Stalls", "Circle"]);
  await expectNoAccessibilityViolations(buyer, "the shop's seat picker on a drawn map");
  await saveScreenshot(buyer, testInfo, "shop-drawn-seat-map");
  await shop.close();
});
