import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_USERS, type DemoUser } from "@marquee/db/seed";
import { type Page, type TestInfo, expect } from "@playwright/test";
import { e2eConfig } from "./env.ts";

const e2eDir = dirname(dirname(fileURLToPath(import.meta.url)));
const screenshotDir = join(e2eDir, "test-results", "screenshots");

/** A seeded demo account by its role ("buyer", "owner", "door staff", ...). */
export function demoUser(role: string): DemoUser {
  const user = DEMO_USERS.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`No demo user with role "${role}" in @marquee/db's DEMO_USERS`);
  return user;
}

/** Signs in through the app's own /signin form, as a person would. */
export async function signInWithForm(page: Page, credentials: { email: string; password: string }): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The alert the sign-in form shows for a refused sign-in. */
export const signInAlert = (page: Page) => page.getByRole("alert").filter({ hasText: /\w/ });

/** Keeps a full-page screenshot under test-results/screenshots and attaches it to the report. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/**
 * A screenshot for the docs (docs/screenshots/<folder>/<name>.png, the whole page at the current width),
 * written only with SCREENSHOTS=1 so ordinary runs leave the repository alone.
 */
export async function saveDocScreenshot(page: Page, folder: string, name: string): Promise<void> {
  if (!e2eConfig.docScreenshots) return;
  await page.screenshot({ path: join(dirname(e2eDir), "docs", "screenshots", folder, `${name}.png`), fullPage: true });
}

/** `<input type="datetime-local">` text for a time, in the browser's zone (the config's Europe/Berlin). */
export const localInput = (date: Date) => date.toLocaleString("sv-SE", { timeZone: "Europe/Berlin" }).slice(0, 16).replace(" ", "T");

/** Still signed out: the page is (or was sent back to) the sign-in form. */
export async function expectSignInPage(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/signin(\?|$)/);
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
}
