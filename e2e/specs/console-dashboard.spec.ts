// The live dashboard: the owner watches an event's dashboard while a buyer pays in another
// browser; the sale reaches the KPI tiles and the charts through the analytics worker and Soketi,
// without a reload. Also the organisation overview, a phone and axe.
import { type Page, expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { enterBuyerDetails, fillTestCard, payAndConfirm } from "../support/checkout.ts";
import { closeDashboardData, createDashboardOrganization, paidAtOf } from "../support/dashboard-data.ts";
import { e2eConfig } from "../support/env.ts";
import { saveScreenshot, signInWithForm } from "../support/fixtures.ts";

test.afterAll(closeDashboardData);

/** Nothing wider than the screen; a failure names the elements that stick out. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await expect
    .poll(overflow, { timeout: 5_000 })
    .toBeLessThanOrEqual(0)
    .catch(async (error: unknown) => {
      const offenders = await page.evaluate(() =>
        Array.from(document.querySelectorAll("body *"))
          .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 8)
          .map(
            (element) => `${element.tagName.toLowerCase()}.${element.className.toString().slice(0, 60)} ${Math.round(element.getBoundingClientRect().width)}px`,
          ),
      );
      throw new Error(`${String(error)}\nsticking out: ${offenders.join("; ")}`);
    });
}

test("the owner's event dashboard shows a buyer's sale without a reload, on a desktop and on a phone", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const setup = await createDashboardOrganization();
  await signInWithForm(page, setup.owner);
  await expect(page).toHaveURL(new RegExp(`/orgs/${setup.organizationId}/events$`));

  // The overview lists the event and links to its dashboard.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Dashboard/ })).toBeVisible();
  await expect(page.getByTestId("kpi-sold")).toContainText("0");
  await expectNoAccessibilityViolations(page, "the organisation dashboard");
  await page.getByRole("table", { name: "Events with their sales in the period" }).getByRole("link", { name: setup.event.name }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${setup.event.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: setup.event.name })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^● Live$/ })).toBeVisible();
  await expect(page.getByTestId("kpi-sold").getByRole("definition")).toHaveText("0");
  await expect(page.getByTestId("kpi-remaining").getByRole("definition")).toHaveText("200");
  await expectNoAccessibilityViolations(page, "the event dashboard");
  // When the tile changes, as the browser sees it (the latency figure's end).
  await page.evaluate(() => {
    const tile = document.querySelector('[data-testid="kpi-sold"] dd')!;
    new MutationObserver(() => {
      if (tile.textContent === "2") (window as unknown as { soldShownAt?: number }).soldShownAt ??= Date.now();
    }).observe(tile, { childList: true, characterData: true, subtree: true });
  });
  const navigations: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });

  // A buyer pays for two tickets in another browser.
  const buyer = await browser.newContext({ baseURL: e2eConfig.urls.web });
  const shop = await buyer.newPage();
  await shop.goto(`/events/${setup.event.slug}`);
  await shop.getByRole("button", { name: "Add one Standing ticket" }).click();
  await shop.getByRole("button", { name: "Add one Standing ticket" }).click();
  await shop.getByRole("button", { name: "Continue", exact: true }).click();
  await enterBuyerDetails(shop, { name: "Lena Live", email: `dashboard-buyer-${crypto.randomUUID().slice(0, 8)}@example.test` });
  await fillTestCard(shop);
  await payAndConfirm(shop);
  await buyer.close();

  // The owner's page, never reloaded, shows the sale: tiles, the by-type table and the chart's text table.
  await expect(page.getByTestId("kpi-sold").getByRole("definition")).toHaveText("2", { timeout: 30_000 });
  const shownAt = await page.evaluate(() => (window as unknown as { soldShownAt?: number }).soldShownAt ?? Date.now());
  const paidAt = await paidAtOf(setup.event.id);
  expect(paidAt).not.toBeNull();
  const latencyMs = shownAt - paidAt!.getTime();
  testInfo.annotations.push({ type: "dashboard latency", description: `${latencyMs} ms from the order's paidAt to the tile showing it` });
  console.info(`dashboard update latency (order paidAt -> KPI tile): ${latencyMs} ms`);
  expect(navigations).toEqual([]);
  await expect(page.getByTestId("kpi-revenue").getByRole("definition")).toHaveText(/50\.00/);
  const byType = page.getByRole("table", { name: "By ticket type: tickets sold and revenue" });
  await expect(
    byType
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "Standing" }) })
      .getByRole("cell"),
  ).toHaveText(["2", /50\.00/]);
  const byChannel = page.getByRole("table", { name: "By channel: tickets sold and revenue" });
  await expect(byChannel.getByRole("rowheader", { name: "Online" })).toBeAttached();
  await expect(page.getByRole("table", { name: "Tickets sold and revenue per period" })).toBeAttached();
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await expectNoAccessibilityViolations(page, "the event dashboard after a sale");
  await saveScreenshot(page, testInfo, "console-dashboard-event");

  // Today's range, then a phone: tiles stack, charts fit, nothing scrolls sideways.
  await page.getByText("Today", { exact: true }).click();
  await expect(page.getByTestId("kpi-sold").getByRole("definition")).toHaveText("2");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("kpi-sold").getByRole("definition")).toHaveText("2");
  await expectNoSidewaysScroll(page);
  await expectNoAccessibilityViolations(page, "the event dashboard on a phone");
  await saveScreenshot(page, testInfo, "console-dashboard-event-phone");
  await page.goto(`/orgs/${setup.organizationId}/dashboard`);
  await expect(page.getByTestId("kpi-sold").getByRole("definition")).toHaveText("2");
  await expectNoSidewaysScroll(page);
  await expectNoAccessibilityViolations(page, "the organisation dashboard on a phone");
  await saveScreenshot(page, testInfo, "console-dashboard-organization-phone");
});

test("another organisation's event is not found on the dashboard", async ({ page }) => {
  const mine = await createDashboardOrganization();
  const theirs = await createDashboardOrganization();
  await signInWithForm(page, mine.owner);
  await expect(page).toHaveURL(new RegExp(`/orgs/${mine.organizationId}/events$`));
  const response = await page.goto(`/orgs/${mine.organizationId}/dashboard/${theirs.event.id}`);
  expect(response?.status()).toBe(404);
});
