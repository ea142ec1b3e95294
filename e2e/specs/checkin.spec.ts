import { type Db, createDb } from "@marquee/db";
import { DEMO_ORGANIZATION_SLUG } from "@marquee/db/seed";
import { createFactories, uniqueSuffix } from "@marquee/db/testing";
import { expect, test } from "@playwright/test";
import { testDatabaseUrl } from "../support/env.ts";
import { demoUser, expectSignInPage, saveScreenshot, signInAlert, signInWithForm } from "../support/fixtures.ts";

const HOUR = 60 * 60 * 1000;
let db: Db | undefined;

test.afterAll(async () => {
  await db?.$disconnect();
});

/**
 * The seeded events are weeks away, outside the scanner's one-week window: add a show starting
 * in three hours to the demo organiser, as an organiser would before a gig.
 */
async function createShowTonight(): Promise<{ name: string }> {
  db ??= createDb(testDatabaseUrl(), { max: 1 });
  const organization = await db.organization.findUniqueOrThrow({ where: { slug: DEMO_ORGANIZATION_SLUG }, include: { venues: true } });
  const now = Date.now();
  return createFactories(db).event(organization.id, organization.venues[0]!.id, {
    name: `Late Show ${uniqueSuffix().slice(-6)}`,
    startsAt: new Date(now + 3 * HOUR),
    doorsAt: new Date(now + 2 * HOUR),
    endsAt: new Date(now + 6 * HOUR),
  });
}

test("door staff sign in and see the events to scan", async ({ page }, testInfo) => {
  const tonight = await createShowTonight();
  await signInWithForm(page, demoUser("door staff"));

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Signed in as Dora Door")).toBeVisible();
  const events = page.getByRole("list", { name: "Events of Demo Productions" }).getByRole("listitem");
  const show = events.filter({ has: page.getByRole("heading", { name: tonight.name }) });
  await expect(show).toContainText("Riverside Hall");
  await expect(show).toContainText("0 of 0 checked in");
  // Hamlet is 45 days away: not scannable yet.
  await expect(events.getByRole("heading", { name: "Hamlet", exact: true })).toHaveCount(0);
  await saveScreenshot(page, testInfo, "checkin-signed-in");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expectSignInPage(page);
});

test("signed-out visitors and buyers do not get in", async ({ page }, testInfo) => {
  await page.goto("/");
  await expectSignInPage(page);

  await signInWithForm(page, demoUser("buyer"));
  await expect(signInAlert(page)).toContainText("not on the door team");
  await saveScreenshot(page, testInfo, "checkin-buyer-refused");
  await page.goto("/");
  await expectSignInPage(page);
});

test("the scanner is installable: manifest and icons", async ({ page, request }) => {
  await page.goto("/signin");
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(manifestHref).toBeTruthy();

  const manifest = await (await request.get(manifestHref!)).json();
  expect(manifest).toMatchObject({ name: "Marquee Check-in", start_url: "/scan", display: "standalone" });
  expect(manifest.icons.length).toBeGreaterThan(0);
  for (const icon of manifest.icons as { src: string; type: string }[]) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()["content-type"]).toContain(icon.type);
  }
});
