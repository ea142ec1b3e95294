// An organiser signs up in the console as a person would: the sign-up form, the e-mailed proof
// link, the password again; the console then opens in the new organisation.
import { type Page, expect } from "@playwright/test";
import { linkMailed } from "./mail.ts";

export interface TNewOrganiser {
  name: string;
  email: string;
  password: string;
  organizationName: string;
}

/** Signs up and proves the address; `check` runs on the sign-up and confirmation pages (phone width, axe). Answers the organisation's id. */
export async function signUpOrganiser(page: Page, owner: TNewOrganiser, check?: (where: string) => Promise<void>): Promise<string> {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Create an organiser account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sell tickets with Marquee" })).toBeVisible();
  await check?.("the sign-up page");
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("E-mail").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByLabel("Organisation name").fill(owner.organizationName);
  await page.getByRole("button", { name: "Create my organiser account" }).click();
  await expect(page.getByRole("status")).toContainText(owner.email);

  const proof = await linkMailed(owner.email, "Confirm your e-mail address for Marquee Console", /https?:\/\/\S+\/signup\/confirm#token=[A-Za-z0-9_-]{43}/);
  await page.goto(proof);
  await check?.("the confirmation page");
  await page.getByLabel("The password you chose").fill(owner.password);
  await page.getByRole("button", { name: "Confirm and open the console" }).click();
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]{36}\/events$/);
  await expect(page.getByText(owner.organizationName, { exact: true })).toBeVisible();
  return /\/orgs\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
}
