import { type Page, expect, test } from "@playwright/test";
import { generate } from "otplib";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { signUpOrganiser } from "../support/console-signup.ts";
import { e2eConfig } from "../support/env.ts";
import { expectSignInPage, saveScreenshot, signInWithForm } from "../support/fixtures.ts";
import { linkMailed } from "../support/mail.ts";

// The console's team area on a phone-sized screen: an organiser signs up and proves the address,
// invites a box-office member who accepts, changes that member's role (their session ends), and
// turns on two-factor sign-in and signs in again with a code.

test.use({ viewport: { width: 390, height: 844 } });
test.describe.configure({ timeout: 240_000 });

const tag = () => crypto.randomUUID().slice(0, 8);

async function expectNoHorizontalScroll(page: Page, where: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${where} is wider than the screen`).toBeLessThanOrEqual(innerWidth);
}

async function checkScreen(page: Page, where: string) {
  await expectNoHorizontalScroll(page, where);
  await expectNoAccessibilityViolations(page, where);
}

const totpStep = () => Math.floor(Date.now() / 30_000);

test("an organiser signs up, builds a team, changes a role, and signs in with two-factor", async ({ page, browser }, testInfo) => {
  const owner = { name: "Tess Teamlead", email: `owner-${tag()}@example.test`, password: "team owner password" };
  const member = { name: "Bob Boxoffice", email: `boxoffice-${tag()}@example.test`, password: "box office password" };
  const organizationName = `Team Shows ${tag()}`;

  // Sign up and prove the address with the e-mailed link and the password: the console opens in the new organisation.
  const organizationId = await signUpOrganiser(page, { ...owner, organizationName }, (where) => checkScreen(page, where));
  const organizationPath = `/orgs/${organizationId}`;

  // Invite a box-office member.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
  await page.getByLabel("E-mail").fill(member.email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Box office" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toContainText(member.email);
  await expect(page.getByRole("listitem").filter({ hasText: member.email })).toBeVisible();
  await checkScreen(page, "the team page");
  await saveScreenshot(page, testInfo, "console-team-page");

  // The member accepts in their own browser, creating the account on the way, and sees only their areas.
  const memberContext = await browser.newContext({ baseURL: e2eConfig.urls.admin, viewport: { width: 390, height: 844 } });
  const memberPage = await memberContext.newPage();
  await memberPage.goto(
    await linkMailed(member.email, `You are invited to join ${organizationName} on Marquee`, /https?:\/\/\S+\/invites\/accept#token=[A-Za-z0-9_-]{43}/),
  );
  await expect(memberPage.getByText(`You are invited to join ${organizationName} as Box office`)).toBeVisible();
  await checkScreen(memberPage, "the invitation page");
  await memberPage.getByLabel("Your name").fill(member.name);
  await memberPage.getByLabel("Choose a password").fill(member.password);
  await memberPage.getByRole("button", { name: "Accept and join the team" }).click();
  await expect(memberPage).toHaveURL(new RegExp(`${organizationPath}/events$`));
  const memberMenu = memberPage.getByRole("navigation", { name: "Console" });
  await expect(memberMenu.getByRole("link", { name: "Orders" })).toBeVisible();
  await expect(memberMenu.getByRole("link", { name: "Team" })).toHaveCount(0);
  await expect(memberMenu.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await memberPage.goto(`${organizationPath}/team`);
  await expect(memberPage.getByRole("heading", { name: "Not part of your role" })).toBeVisible();

  // The owner makes the member a support agent: the member's session ends at once.
  await page.reload();
  await page.getByLabel(`Role of ${member.name}`).selectOption({ label: "Support agent" });
  await page.getByRole("button", { name: `Save role of ${member.name}` }).click();
  await expect(page.getByLabel(`Role of ${member.name}`)).toHaveValue("SUPPORT_AGENT");
  await expect.poll(async () => (await memberPage.goto(`${organizationPath}/events`), new URL(memberPage.url()).pathname)).toBe("/signin");
  await memberContext.close();

  // Settings open for the owner.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByLabel("Organisation name")).toHaveValue(organizationName);
  await checkScreen(page, "the settings page");

  // Two-factor: enrol on the Security page with a code from the secret.
  await page.getByRole("link", { name: "Security" }).click();
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!;
  await checkScreen(page, "the two-factor enrolment");
  const enrolStep = totpStep();
  await page.getByLabel("Code from your app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await checkScreen(page, "the recovery codes");
  await saveScreenshot(page, testInfo, "console-team-recovery-codes");

  // Sign out and in again: the password, then a code (a new one: each code works once).
  await page.getByRole("button", { name: "Sign out" }).click();
  await expectSignInPage(page);
  await signInWithForm(page, owner);
  await expect(page.getByLabel("Two-factor code")).toBeVisible();
  await checkScreen(page, "the sign-in's code step");
  await expect.poll(totpStep, { timeout: 35_000, intervals: [1_000] }).toBeGreaterThan(enrolStep);
  await page.getByLabel("Two-factor code").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${organizationPath}/events$`));
});
