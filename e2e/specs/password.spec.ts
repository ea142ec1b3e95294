import { readFile } from "node:fs/promises";
import { type Browser, type Page, expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { afterDeletion, closeAccountData, createBuyer, createCancelledOrder } from "../support/account-data.ts";
import { e2eConfig } from "../support/env.ts";
import { expectSignInPage, saveScreenshot, signInAlert, signInWithForm } from "../support/fixtures.ts";
import { mailsTo } from "../support/shop-data.ts";

// Forgot password, change password, download my data and delete my account, on a phone-sized
// screen, with buyers of this spec's own.

test.use({ viewport: { width: 390, height: 844 } });
// Each test drives two browsers or a whole account lifecycle: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });
test.afterAll(closeAccountData);

/** No sideways scrolling at this width. */
async function expectNoHorizontalScroll(page: Page, where: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${where} is wider than the screen`).toBeLessThanOrEqual(innerWidth);
}

/** A second browser (its own cookies) signed in as the buyer: the "other device". */
async function otherDevice(browser: Browser, buyer: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: e2eConfig.urls.web });
  const page = await context.newPage();
  await signInWithForm(page, buyer);
  await expect(page.getByText("Signed in as")).toBeVisible();
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  return { page, close: () => context.close() };
}

/** The reset link in the one reset e-mail to the address, once it has arrived. */
async function resetLinkMailed(email: string) {
  const subject = "Reset your Marquee password";
  await expect
    .poll(async () => (await mailsTo(e2eConfig.ports.mailHttp, email)).filter((mail) => mail.subject === subject).length, { timeout: 30_000 })
    .toBe(1);
  const mail = (await mailsTo(e2eConfig.ports.mailHttp, email)).find((candidate) => candidate.subject === subject);
  const link = mail!.text?.match(/https?:\/\/\S+\/signin\/reset#token=[A-Za-z0-9_-]{43}/)?.[0];
  expect(link, mail!.text ?? "no text part").toBeTruthy();
  return link!;
}

test("a buyer resets a forgotten password through the e-mailed link, and the old session elsewhere stops working", async ({ page, browser }, testInfo) => {
  const buyer = await createBuyer("Rita Reset");
  const elsewhere = await otherDevice(browser, buyer);

  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password", level: 1 })).toBeVisible();
  await expectNoHorizontalScroll(page, "the forgot-password page");
  await expectNoAccessibilityViolations(page, "the forgot-password page");
  await page.getByLabel("E-mail").fill(buyer.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If there is an account" })).toContainText(buyer.email);

  const link = await resetLinkMailed(buyer.email);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password", level: 1 })).toBeVisible();
  // The token leaves the address bar once read.
  await expect(page).toHaveURL(/\/signin\/reset$/);
  await expectNoHorizontalScroll(page, "the reset page");
  await expectNoAccessibilityViolations(page, "the reset page");
  await saveScreenshot(page, testInfo, "password-reset-390");
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "at least 10 characters" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("my brand new password");
  await page.getByRole("button", { name: "Save new password" }).click();
  // Signed straight in with the new password.
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expect(page.getByText("Signed in as")).toContainText("Rita Reset");

  // The other browser's session ended with the reset.
  await elsewhere.page.reload();
  await expectSignInPage(elsewhere.page);
  await elsewhere.close();

  // The link works once.
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("yet another password");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\w/ })).toContainText("expired or was used already");
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
});

test("a buyer changes their password on the account page: this browser stays signed in, the others are signed out", async ({ page, browser }) => {
  const buyer = await createBuyer("Chad Change");
  const elsewhere = await otherDevice(browser, buyer);
  await signInWithForm(page, buyer);
  await expect(page.getByText("Signed in as")).toBeVisible();
  await page.goto("/account");

  await page.getByLabel("Current password", { exact: true }).fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("a changed password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not right.")).toBeVisible();
  await page.getByLabel("Current password", { exact: true }).fill(buyer.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed. Other devices are signed out.")).toBeVisible();
  await expectNoHorizontalScroll(page, "the account page");
  await expectNoAccessibilityViolations(page, "the account page after a password change");

  await page.reload();
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await elsewhere.page.reload();
  await expectSignInPage(elsewhere.page);
  await elsewhere.close();
});

test("a buyer downloads their data, deletes the account, and the order stays with the organiser", async ({ page }, testInfo) => {
  const buyer = await createBuyer("Dora Delete");
  const order = await createCancelledOrder(buyer);
  await signInWithForm(page, buyer);
  await expect(page.getByText("Signed in as")).toBeVisible();
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your data", level: 2 })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^marquee-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile((await download.path())!, "utf8")) as { profile: { email: string }; orders: { reference: string }[] };
  expect(data.profile.email).toBe(buyer.email);
  expect(data.orders.map((o) => o.reference)).toEqual([order.reference]);

  await page.getByRole("button", { name: "Delete my account…" }).click();
  await expectNoHorizontalScroll(page, "the account page's delete form");
  await expectNoAccessibilityViolations(page, "the account page's delete form");
  await saveScreenshot(page, testInfo, "account-delete-390");
  // Both fields are required (the browser holds back an empty one): a wrong address with the right password.
  await page.getByLabel("Your password").fill(buyer.password);
  await page.getByLabel("Type your e-mail address to confirm").fill("someone-else@example.test");
  await page.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\w/ })).toContainText("not your account's e-mail address");
  await page.getByLabel("Type your e-mail address to confirm").fill(buyer.email);
  await page.getByRole("button", { name: "Delete my account for good" }).click();

  await expect(page.getByRole("heading", { name: "Your account is deleted", level: 1 })).toBeVisible();
  await expectNoHorizontalScroll(page, "the account-deleted page");
  await expectNoAccessibilityViolations(page, "the account-deleted page");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await afterDeletion(buyer.id, order.id)).toEqual({
    user: null,
    order: { userId: null, buyerName: buyer.name, buyerEmail: buyer.email, status: "CANCELLED" },
  });

  // The account no longer signs in; the address can open a new one.
  await signInWithForm(page, buyer);
  await expect(signInAlert(page)).toContainText("do not match an account");
  await page.goto("/signup");
  await page.getByLabel("Name", { exact: true }).fill("Dora Again");
  await page.getByLabel("E-mail", { exact: true }).fill(buyer.email);
  await page.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Confirm your e-mail address", level: 1 })).toBeVisible();
});
