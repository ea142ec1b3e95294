// Demand pricing end to end: the owner sets it up for a ticket type, simulates last Friday's
// sales, turns it on; a buyer holds a ticket at 25.00; a burst of sales goes through the outbox
// to the analytics worker, which raises the price one step to the ceiling (30.00); the open event
// page shows the new price live, the buyer's checkout keeps 25.00, and the console's chart shows
// the history beside the sales. Desktop and 390 px, axe, screenshots of the chart.
import { type Page, expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { e2eConfig } from "../support/env.ts";
import { saveDocScreenshot, saveScreenshot, signInWithForm } from "../support/fixtures.ts";
import { closePricingData, createPricingOrganization, priceVersionsOf, sellBurst } from "../support/pricing-data.ts";

test.afterAll(closePricingData);

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("the organiser simulates and turns on demand pricing; a burst raises the price one step, live on the event page, while a held price stays", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const setup = await createPricingOrganization();
  await signInWithForm(page, setup.owner);
  await expect(page).toHaveURL(new RegExp(`/orgs/${setup.organizationId}/events$`));

  // From the event's ticket types to the type's demand pricing.
  await page.goto(`/orgs/${setup.organizationId}/events/${setup.event.id}/ticket-types`);
  await page.getByTestId(`demand-pricing-link-${setup.ticketType.id}`).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demand pricing" })).toBeVisible();
  await expect(page.getByTestId("pricing-current")).toContainText("fixed tier price");

  // Settings: 20.00 to 30.00 in steps of 5.00, one step up at 1 ticket a minute over 15 minutes.
  await page.getByLabel("Floor (EUR, tax included)").fill("20");
  await page.getByLabel("Ceiling (EUR, tax included)").fill("30");
  await page.getByLabel("Step (EUR, tax included)").fill("5");
  await page.getByLabel("Sales window (minutes)").fill("15");
  await page.getByLabel("Raise at (tickets a minute)").fill("1");
  await page.getByLabel("Raise when stock left is at most (%, optional)").fill("");
  await page.getByLabel("At most one change per (minutes)").fill("0");

  // A bad ceiling is refused with the field named, and nothing is saved.
  await page.getByLabel("Ceiling (EUR, tax included)").fill("10");
  await page.getByTestId("pricing-save").click();
  await expect(page.locator("#dp-floor-error")).toHaveText("The floor must not be above the ceiling.");
  await page.getByLabel("Ceiling (EUR, tax included)").fill("30");

  // The simulation of last Friday (the default day): the rush would have raised the price to 30.00.
  await page.getByTestId("pricing-simulate").click();
  const simulation = page.getByTestId("pricing-simulation");
  await expect(simulation.getByRole("status")).toContainText("the 52 tickets sold on");
  await expect(simulation.getByRole("status")).toContainText("ending at €30.00");
  await expect(page.getByTestId("pricing-simulation-chart-prices")).toContainText("Selling fast");
  await expect(page.getByTestId("pricing-simulation-chart").locator(".recharts-surface")).toBeVisible();
  await expectNoAccessibilityViolations(page, "demand pricing with a simulation");
  await saveScreenshot(page, testInfo, "console-pricing-simulation");
  await saveDocScreenshot(page, "issue-15", "pricing-simulation-desktop");

  // On.
  await page.getByTestId("pricing-enabled").check();
  await page.getByTestId("pricing-save").click();
  await expect(page.getByTestId("pricing-form").getByRole("status")).toHaveText("Saved.");
  await expect(page.getByTestId("pricing-current")).toContainText("€25.00 (demand pricing on, version 1)");

  // A buyer opens the event page and holds one ticket at 25.00; a second visitor keeps the page open.
  const buyer = await browser.newContext({ baseURL: e2eConfig.urls.web });
  const shop = await buyer.newPage();
  await shop.goto(`/events/${setup.event.slug}`);
  const price = shop.getByTestId(`ticket-type-price-${setup.ticketType.id}`);
  await expect(price).toHaveText("€25.00");
  await shop.getByRole("button", { name: "Add one Standing ticket" }).click();
  await shop.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(shop.getByTestId("hold-price-locked")).toHaveText("Your price is held: €25.00");
  const visitor = await browser.newContext({ baseURL: e2eConfig.urls.web });
  const watcher = await visitor.newPage();
  await watcher.goto(`/events/${setup.event.slug}`);
  const watched = watcher.getByTestId(`ticket-type-price-${setup.ticketType.id}`);
  await expect(watched).toHaveText("€25.00");

  // The burst: 20 tickets in five orders; order.paid reaches the analytics worker, which recomputes.
  await sellBurst(setup.event, setup.ticketType.id, 5, 4);
  await expect
    .poll(async () => (await priceVersionsOf(setup.ticketType.id)).map((v) => [v.priceMinor, v.reason]), { timeout: 60_000 })
    .toEqual([
      [2500, "START"],
      [3000, "VELOCITY"],
    ]);
  // The open page moves without a reload; the buyer's hold keeps 25.00.
  await expect(watched).toHaveText("€30.00", { timeout: 30_000 });
  await shop.reload();
  await expect(shop.getByTestId("hold-price-locked")).toHaveText("Your price is held: €25.00");
  await expect(shop.getByText("€25.00").first()).toBeVisible();
  await buyer.close();
  await visitor.close();

  // The console: the current price, and the history beside the sales.
  await page.reload();
  await expect(page.getByTestId("pricing-current")).toContainText("€30.00 (demand pricing on, version 2)");
  const history = page.getByTestId("pricing-history");
  await expect(history.getByTestId("pricing-history-prices")).toContainText("Selling fast");
  await expect(history.getByTestId("pricing-history-prices")).toContainText("€30.00");
  await expect(history).toContainText(" tickets sold · 2 prices");
  await expect(history.locator(".recharts-surface")).toBeVisible();
  await expectNoAccessibilityViolations(page, "demand pricing with its history");
  await history.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, "console-pricing-history");
  await saveDocScreenshot(page, "issue-15", "pricing-chart-desktop");

  // A phone: the form in one column, the charts fit, nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("pricing-history").locator(".recharts-surface")).toBeVisible();
  await expect.poll(() => noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.getByTestId("pricing-simulate").click();
  await expect(page.getByTestId("pricing-simulation-chart").locator(".recharts-surface")).toBeVisible();
  await expect.poll(() => noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  await expectNoAccessibilityViolations(page, "demand pricing on a phone");
  await saveScreenshot(page, testInfo, "console-pricing-phone");
  await saveDocScreenshot(page, "issue-15", "pricing-chart-390");
});
