// Steps the help inbox specs share: an agent signs in to the console and opens the inbox or one
// conversation; the names of the screens' parts as an agent (or a screen reader) finds them.
import { type Page, expect } from "@playwright/test";
import { signInWithForm } from "./fixtures.ts";

/** Signs in through the console's form and waits until the console has left the sign-in page. */
export async function signInAgent(page: Page, agent: { email: string; password: string }): Promise<void> {
  await signInWithForm(page, agent);
  await expect(page).toHaveURL(/\/orgs\//, { timeout: 30_000 });
}

export async function openInbox(page: Page, organizationId: string, query = ""): Promise<void> {
  await page.goto(`/orgs/${organizationId}/inbox${query}`);
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
}

/** Matches the text literally (subjects carry "?" and the like). */
export const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

export async function openConversation(page: Page, organizationId: string, conversationId: string, subject: string): Promise<void> {
  await page.goto(`/orgs/${organizationId}/inbox/${conversationId}`);
  await expect(page.getByRole("heading", { level: 1, name: literally(subject) })).toBeVisible();
}

export const conversationRows = (page: Page) => page.getByRole("list", { name: "Conversations" });
export const thread = (page: Page) => page.getByRole("list", { name: "Messages" });
export const composerText = (page: Page) => page.locator("#composer-text");
