import { type Page, expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { closeApiTokenData, createOrganizationWithOwner } from "../support/api-token-data.ts";
import { e2eConfig } from "../support/env.ts";
import { saveScreenshot, signInWithForm } from "../support/fixtures.ts";

test.afterAll(closeApiTokenData);

const PHONE = { width: 390, height: 844 };

async function expectNoSidewaysScroll(page: Page, where: string) {
  // On failure, name the widest elements that stick out past the screen.
  const wide = await page.evaluate(() =>
    document.documentElement.scrollWidth <= window.innerWidth
      ? []
      : Array.from(document.querySelectorAll("body *"))
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(-6)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`),
  );
  expect(wide, `${where} scrolls sideways at ${PHONE.width} px`).toEqual([]);
}

test("the owner creates an API token, calls the organiser API with it, revokes it, and the audit log shows all three", async ({
  page,
  context,
  playwright,
}, testInfo) => {
  test.setTimeout(120_000);
  const { organization, owner } = await createOrganizationWithOwner("Token Tests");
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: e2eConfig.urls.admin });
  await signInWithForm(page, owner);
  await expect(page).toHaveURL(new RegExp(`/orgs/${organization.id}/`));

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expectNoAccessibilityViolations(page, "the API tokens page");

  await page.getByLabel("Name").fill("Nightly sync");
  await page.getByLabel("Role").selectOption({ label: "Box office" });
  await page.getByRole("button", { name: "Create token" }).click();
  const reveal = page.getByRole("region", { name: "New API token" });
  await expect(reveal).toContainText("it will not be shown again");
  const token = await reveal.getByLabel("Token").inputValue();
  expect(token).toMatch(/^mq_org_[A-Za-z0-9_-]{43}$/);
  await reveal.getByRole("button", { name: "Copy token" }).click();
  await expect(reveal.getByRole("status")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await expect(page.getByRole("table", { name: /Active API tokens/ }).getByRole("rowheader", { name: /Nightly sync/ })).toBeVisible();
  await expectNoAccessibilityViolations(page, "the API tokens page with a new token");
  await saveScreenshot(page, testInfo, "console-api-token-created");

  // The token on the web origin's REST API and on the standalone API server: its organisation, role and name.
  const api = await playwright.request.newContext();
  const headers = { authorization: `Bearer ${token}` };
  for (const base of [e2eConfig.urls.web, `http://127.0.0.1:${e2eConfig.ports.api}`]) {
    const response = await api.get(`${base}/api/v1/organization`, { headers });
    expect(response.status(), base).toBe(200);
    expect(await response.json()).toMatchObject({ id: organization.id, name: organization.name, role: "BOX_OFFICE", apiToken: { name: "Nightly sync" } });
  }
  // The console's cookie is worth nothing there.
  const cookies = (await context.cookies(e2eConfig.urls.admin)).map((c) => `${c.name}=${c.value}`).join("; ");
  expect((await api.get(`${e2eConfig.urls.web}/api/v1/organization`, { headers: { cookie: cookies } })).status()).toBe(401);

  await page.reload();
  await page.getByRole("button", { name: "Revoke Nightly sync" }).click();
  await page.getByRole("group", { name: "Revoke Nightly sync?" }).getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByText("No active tokens.")).toBeVisible();

  const refused = await api.get(`${e2eConfig.urls.web}/api/v1/organization`, { headers });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  await api.dispose();

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const log = page.getByRole("table", { name: /Audit log entries/ });
  for (const action of ["api-token.create", "api-token.use", "api-token.revoke"]) await expect(log.getByRole("rowheader", { name: action })).toBeVisible();
  await expect(log.getByRole("row").filter({ hasText: "api-token.use" })).toContainText("API token “Nightly sync”");
  await expect(log.getByRole("row").filter({ hasText: "api-token.create" })).toContainText(owner.email);
  await expectNoAccessibilityViolations(page, "the audit log");
  await saveScreenshot(page, testInfo, "console-audit-log");

  // Filters live in the URL.
  await page.getByLabel("Action starts with").fill("api-token.re");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]action=api-token\.re/);
  await expect(log.getByRole("rowheader")).toHaveText(["api-token.revoke"]);

  await page.setViewportSize(PHONE);
  await expectNoSidewaysScroll(page, "the audit log");
  await expectNoAccessibilityViolations(page, "the audit log on a phone");
  await saveScreenshot(page, testInfo, "console-audit-log-phone");
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expectNoSidewaysScroll(page, "the API tokens page");
  await expectNoAccessibilityViolations(page, "the API tokens page on a phone");
});
