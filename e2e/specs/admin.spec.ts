import { expect, test } from "@playwright/test";
import { demoUser, expectSignInPage, saveScreenshot, signInAlert, signInWithForm } from "../support/fixtures.ts";

test("the console sends signed-out visitors to the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expectSignInPage(page);
});

test("the owner signs in and sees Demo Productions with its events", async ({ page }, testInfo) => {
  await signInWithForm(page, demoUser("owner"));

  // The console opens in the owner's organisation, its address carrying the organisation's id.
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]{36}\/events$/);
  await expect(page.getByText("Signed in as Olga Owner")).toBeVisible();
  await expect(page.getByText("Demo Productions", { exact: true })).toBeVisible();
  const menu = page.getByRole("navigation", { name: "Console" });
  await expect(menu.getByRole("link", { name: "Events" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();

  const table = page.getByRole("table", { name: "Events of Demo Productions" });
  const hamlet = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Hamlet\b/ }) });
  await expect(hamlet).toHaveCount(1);
  // Columns: event, date, status, capacity, sold. Hamlet's 2,000 seats come from the seat map.
  await expect(hamlet.getByRole("cell")).toHaveText([/\d{4}/, "Published", "2,000", "0"]);
  for (const name of ["Northern Lights — Live at Riverside", "Midnight Drop: Secret Show"]) {
    await expect(table.getByRole("rowheader", { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await saveScreenshot(page, testInfo, "admin-signed-in");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expectSignInPage(page);
  await page.goto("/");
  await expectSignInPage(page);
});

test("a buyer is refused by the console", async ({ page }, testInfo) => {
  await signInWithForm(page, demoUser("buyer"));

  await expect(signInAlert(page)).toContainText("no access to the organiser console");
  await saveScreenshot(page, testInfo, "admin-buyer-refused");
  await expectSignInPage(page);
  await page.goto("/");
  await expectSignInPage(page);
});
