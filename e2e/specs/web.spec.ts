import { expect, test } from "@playwright/test";
import { demoUser, expectSignInPage, saveScreenshot, signInAlert, signInWithForm } from "../support/fixtures.ts";

const SEEDED_EVENTS = ["Northern Lights — Live at Riverside", "Hamlet", "Midnight Drop: Secret Show"];

test("visitors see the seeded events with dates, venues, prices and sale badges", async ({ page }) => {
  await page.goto("/");
  const events = page.getByRole("list", { name: "Upcoming events" }).getByRole("listitem");
  for (const name of SEEDED_EVENTS) await expect(events.getByRole("heading", { name, exact: true })).toBeVisible();
  // Soonest first: the concert (in 6 days), the secret show (14), Hamlet (45). Other specs may
  // add events of their own, so only the seeded ones' order is checked.
  const headings = await events.getByRole("heading").allTextContents();
  expect(headings.filter((name) => SEEDED_EVENTS.includes(name))).toEqual([SEEDED_EVENTS[0], SEEDED_EVENTS[2], SEEDED_EVENTS[1]]);

  const concert = events.filter({ hasText: SEEDED_EVENTS[0]! });
  await expect(concert).toContainText("Riverside Hall, Berlin");
  await expect(concert).toContainText("From €39.00");
  await expect(concert.getByText("On sale", { exact: true })).toBeVisible();

  // The flash sale opens in 10 minutes: badged "Soon" with its opening time.
  const flash = events.filter({ hasText: SEEDED_EVENTS[2]! });
  await expect(flash.getByText("Soon", { exact: true })).toBeVisible();
  await expect(flash).toContainText("Sale opens");
  await expect(flash).toContainText("From €25.00");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("a buyer signs in with the demo account, sees their name and signs out", async ({ page }, testInfo) => {
  const buyer = demoUser("buyer");
  await signInWithForm(page, buyer);

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Signed in as Bea Buyer")).toBeVisible();
  for (const name of SEEDED_EVENTS) await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  await saveScreenshot(page, testInfo, "web-signed-in");

  // The session survives a reload (cookie + server-side check), then sign-out ends it.
  await page.reload();
  await expect(page.getByText("Signed in as Bea Buyer")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("Signed in as")).toHaveCount(0);
});

test("a wrong password shows an error and signs nobody in", async ({ page }, testInfo) => {
  await signInWithForm(page, { email: demoUser("buyer").email, password: "not-the-password" });

  await expect(signInAlert(page)).toContainText("do not match an account");
  await saveScreenshot(page, testInfo, "web-wrong-password");
  await expectSignInPage(page);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("repeated failures for one address slow it down but never lock its owner out", async ({ page }) => {
  // Failures per address only delay the next answer (0.5 s doubling after three), so an attacker
  // guessing an organiser's password cannot lock them out during an on-sale. The box-office demo
  // account is used by no other spec. Every failure also counts against this connection's budget
  // (30 per 15 minutes), so the test stays well under it.
  const account = demoUser("box office");
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill("wrong-password");
  for (let attempt = 1; attempt <= 5; attempt++) {
    const answered = page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
    await expect(signInAlert(page)).toContainText("do not match an account");
  }
  await signInWithForm(page, account);
  await expect(page.getByText("Signed in as Bo Box-Office")).toBeVisible();
});

test("a connection over its sign-in budget is told so in its own words", async ({ page }) => {
  // The limit itself is covered by the API's integration tests: reaching it here would refuse
  // every other spec's sign-in from this machine for 15 minutes.
  await page.goto("/signin?error=RATE_LIMITED");
  await expect(signInAlert(page)).toContainText("Too many failed sign-ins from this connection");
});
