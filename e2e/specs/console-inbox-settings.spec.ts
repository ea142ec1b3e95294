import { type Page, expect, test } from "@playwright/test";
import { checkAtPhoneWidth, expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { e2eConfig } from "../support/env.ts";
import { saveScreenshot, signInWithForm } from "../support/fixtures.ts";
import { closeInboxSettingsData, createSupportTeam } from "../support/inbox-settings-data.ts";

// The help inbox's settings page: the owner saves the response targets, assignment and support
// address (still there after a reload), creates a canned reply with a variable, and marks an agent
// away; the support agent sees the settings read-only and sets their own availability. Both at
// phone width too.

test.afterAll(closeInboxSettingsData);
test.describe.configure({ timeout: 180_000 });

const settingsPath = (organizationId: string) => `/orgs/${organizationId}/inbox/settings`;

async function openSettings(page: Page, organizationId: string) {
  await page.goto(settingsPath(organizationId));
  await expect(page.getByRole("heading", { level: 1, name: "Inbox settings" })).toBeVisible();
}

test("the owner saves the inbox settings and a canned reply and marks an agent away; the agent sees the settings read-only", async ({
  page,
  browser,
}, testInfo) => {
  const { organization, suffix, owner, agent } = await createSupportTeam("Inbox Settings");
  await signInWithForm(page, owner);
  await expect(page).toHaveURL(new RegExp(`/orgs/${organization.id}/`));
  await openSettings(page, organization.id);

  // Response targets, assignment and the support address, saved and read back after a reload.
  const localPart = `help-${suffix}`;
  await page.getByLabel("First response within (minutes)").fill("30");
  await page.getByLabel("Next response within (minutes)").fill("");
  await page.getByLabel(/Assign new conversations automatically/).check();
  await page.getByLabel("At most this many open conversations per agent").fill("8");
  await page.getByLabel("Solve conversations waiting on the buyer after (days)").fill("5");
  await page.getByLabel("Support address").fill(localPart);
  await expect(page.getByText(`Support address: ${localPart}@`)).toBeVisible();
  await page.getByRole("button", { name: "Save inbox settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Inbox settings saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("First response within (minutes)")).toHaveValue("30");
  await expect(page.getByLabel("Next response within (minutes)")).toHaveValue("");
  await expect(page.getByLabel(/Assign new conversations automatically/)).toBeChecked();
  await expect(page.getByLabel("At most this many open conversations per agent")).toHaveValue("8");
  await expect(page.getByLabel("Solve conversations waiting on the buyer after (days)")).toHaveValue("5");
  await expect(page.getByLabel("Support address")).toHaveValue(localPart);
  await expect(page.getByText(new RegExp(`Support address: ${localPart}@[a-z0-9.-]+`))).toBeVisible();

  // A canned reply with a variable inserted from the list beside the editor.
  await page.getByText("New canned reply").click();
  const editor = page.getByRole("form", { name: "New canned reply" });
  await editor.getByLabel("Shortcut").fill("refund-policy");
  await editor.getByLabel("Title").fill("Refund policy");
  await editor.getByLabel("Text").fill("Hello ");
  await editor.getByRole("button", { name: "Insert {{buyer.firstName}}" }).click();
  await expect(editor.getByLabel("Text")).toHaveValue("Hello {{buyer.firstName}}");
  await editor.getByLabel("Text").press("End");
  await editor.getByLabel("Text").pressSequentially(", refunds are possible up to 7 days before the event.");
  await editor.getByRole("button", { name: "Create canned reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "/refund-policy created." })).toBeVisible();
  const replies = page.getByRole("list", { name: "Canned replies" });
  await expect(replies.getByRole("listitem").filter({ hasText: "Refund policy" })).toContainText("Hello {{buyer.firstName}}, refunds are possible");
  // The same shortcut again is refused on the field.
  await editor.getByLabel("Shortcut").fill("refund-policy");
  await editor.getByLabel("Title").fill("Copy");
  await editor.getByLabel("Text").fill("Copy");
  await editor.getByRole("button", { name: "Create canned reply" }).click();
  await expect(editor.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();

  // The owner (a team manager) marks the agent away; the owner stays available.
  const agents = page.getByRole("list", { name: "Agents" });
  await agents.getByLabel(`${agent.name} is available for new conversations`).uncheck();
  await expect(agents.getByLabel(`${agent.name} is available for new conversations`)).not.toBeChecked();
  await expect(agents.getByRole("status").filter({ hasText: "Saved: away." })).toBeVisible();
  await expect(agents.getByLabel("I am available for new conversations")).toBeChecked();
  await expectNoAccessibilityViolations(page, "the inbox settings page");
  await checkAtPhoneWidth(page, "the inbox settings page", () => saveScreenshot(page, testInfo, "console-inbox-settings-phone"));
  await saveScreenshot(page, testInfo, "console-inbox-settings");

  // The agent: the settings read-only, the canned replies theirs to use, their own availability back on.
  const agentContext = await browser.newContext({ baseURL: e2eConfig.urls.admin });
  const agentPage = await agentContext.newPage();
  await signInWithForm(agentPage, agent);
  await expect(agentPage).toHaveURL(new RegExp(`/orgs/${organization.id}/`));
  await openSettings(agentPage, organization.id);
  await expect(agentPage.getByText("Only owners and admins change these settings.")).toBeVisible();
  await expect(agentPage.getByLabel("First response within (minutes)")).toBeDisabled();
  await expect(agentPage.getByLabel("First response within (minutes)")).toHaveValue("30");
  await expect(agentPage.getByLabel("Support address")).toBeDisabled();
  await expect(agentPage.getByRole("button", { name: "Save inbox settings" })).toHaveCount(0);
  await expect(agentPage.getByRole("list", { name: "Canned replies" })).toContainText("/refund-policy");
  const own = agentPage.getByRole("list", { name: "Agents" }).getByLabel("I am available for new conversations");
  await expect(own).not.toBeChecked();
  await expect(agentPage.getByRole("list", { name: "Agents" }).getByLabel(`${owner.name} is available for new conversations`)).toBeDisabled();
  await own.check();
  await expect(own).toBeChecked();
  // Saved before the reload (the box shows the click at once; the status says when the server has it).
  await expect(agentPage.getByRole("list", { name: "Agents" }).getByRole("status").filter({ hasText: "Saved: available." })).toBeVisible();
  await agentPage.reload();
  await expect(agentPage.getByRole("list", { name: "Agents" }).getByLabel("I am available for new conversations")).toBeChecked();
  await checkAtPhoneWidth(agentPage, "the inbox settings page (support agent)");
  await agentContext.close();
});
