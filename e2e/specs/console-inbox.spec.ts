// Issue 13's help inbox in Chromium against the whole stack (web, console, workers, Soketi, the
// SMTP catcher): (1) a buyer writes from their order page, the conversation appears in the agent's
// inbox without a reload, the agent answers with a canned reply, refunds one ticket from the
// conversation and solves it; the buyer sees the answer on the site without a reload and by
// e-mail, answers the e-mail, and the conversation reopens with that message; (2) two agents in the
// same conversation see each other, and the second one's reply is held when the first answered
// meanwhile; (3) another organisation's conversation is not found. Axe and the 390 px reflow check
// on the list and the conversation; SCREENSHOTS=1 writes docs/screenshots/issue-13/.
import { type Page, expect, test } from "@playwright/test";
import { checkAtPhoneWidth, expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { enterBuyerDetails, fillTestCard, payAndConfirm } from "../support/checkout.ts";
import { e2eConfig } from "../support/env.ts";
import { saveDocScreenshot } from "../support/fixtures.ts";
import { closeInboxData, createInboxOrganisation, messagesOf, openConversation as openConversationAs, statusOf } from "../support/inbox-data.ts";
import { answerByEmail, mailContaining } from "../support/inbox-mail.ts";
import { composerText, conversationRows, literally, openConversation, openInbox, signInAgent, thread } from "../support/inbox-steps.ts";

const tag = () => crypto.randomUUID().slice(0, 6);

test.afterAll(async () => {
  await closeInboxData();
});

/** A figure for the report: how long the step took, end to end through the stack (Playwright polls, so within ~100 ms). */
function note(what: string, since: number) {
  const description = `${what}: ${Date.now() - since} ms`;
  test.info().annotations.push({ type: "latency", description });
  console.info(description);
}

/** Axe at the desktop size, then the reflow check and axe at 390 px, with the docs screenshots of both. */
async function checkScreen(page: Page, where: string, shot: string) {
  await expectNoAccessibilityViolations(page, where);
  await saveDocScreenshot(page, "issue-13", shot);
  await checkAtPhoneWidth(page, where, () => saveDocScreenshot(page, "issue-13", `${shot}-phone`));
}

test("the story: a buyer asks from the order page, the agent answers with a canned reply, refunds a ticket and solves; the buyer's e-mail answer reopens it", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const organisation = await createInboxOrganisation("Inbox Story");
  const buyer = { name: "Olive Asker", email: `inbox-buyer-${tag()}@example.test` };
  const subject = `Two tickets, one friend ill ${tag()}`;

  // The agent has the inbox open before anything arrives.
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAgent(page, organisation.ana);
  await openInbox(page, organisation.organizationId);
  await expect(page.getByText("Nothing waits for an answer.")).toBeVisible();

  // A guest buys two tickets and writes from the order page.
  const buyerContext = await browser.newContext({ baseURL: e2eConfig.urls.web });
  const shop = await buyerContext.newPage();
  await shop.goto(`/events/${organisation.event.slug}`);
  await shop.getByRole("button", { name: "Add one Standing ticket" }).click();
  await shop.getByRole("button", { name: "Add one Standing ticket" }).click();
  await shop.getByRole("button", { name: "Continue", exact: true }).click();
  await enterBuyerDetails(shop, buyer);
  await fillTestCard(shop);
  await payAndConfirm(shop);
  await shop.getByRole("link", { name: "Contact support about this order" }).click();
  await expect(shop.getByRole("heading", { name: "Contact support", level: 1 })).toBeVisible();
  await expect(shop.getByText(/Your order /)).toBeVisible();
  await shop.getByLabel("Your name").fill(buyer.name);
  await shop.getByLabel("E-mail").fill(buyer.email);
  await shop.getByLabel("Subject").fill(subject);
  await shop.getByRole("textbox", { name: "Message" }).fill("My friend is ill: can I get one of the two tickets refunded?");
  const sentAt = Date.now();
  await shop.getByRole("button", { name: "Send message" }).click();
  await expect(shop.getByRole("heading", { name: subject, level: 1 })).toBeVisible();
  const conversationId = new URL(shop.url()).pathname.split("/").pop()!;

  // It appears in the agent's inbox without a reload.
  const row = conversationRows(page).getByRole("link", { name: literally(subject) });
  await expect(row).toBeVisible({ timeout: 20_000 });
  note("buyer's question → row in the agent's open inbox", sentAt);
  await expect(page.getByRole("link", { name: /^Open\s*1$/ })).toBeVisible();
  await checkScreen(page, "the inbox list", "inbox-list");
  await row.click();
  await expect(page.getByRole("heading", { level: 1, name: literally(subject) })).toBeVisible();
  await expect(thread(page)).toContainText("My friend is ill");

  // A canned reply by its short code: "/ref", the popup, Enter; the variables are filled in.
  await composerText(page).click();
  await composerText(page).pressSequentially("/ref");
  await expect(page.getByRole("option", { name: /\/refund-policy/ })).toBeVisible();
  await composerText(page).press("Enter");
  await expect(composerText(page)).toHaveValue(`Hello Olive, tickets for ${organisation.event.name} can be refunded until the day before the show.`);
  await composerText(page).press("End");
  await composerText(page).pressSequentially(" I have refunded one ticket for you.");

  // One ticket refunded from the order panel; the thread shows it as an event.
  const orders = page.getByRole("region", { name: "Orders" });
  await orders.getByRole("button", { name: "Refund…" }).click();
  await orders.getByRole("checkbox").first().check();
  await orders.getByLabel("Reason (the buyer sees it)").fill("Friend is ill");
  await orders.getByRole("button", { name: "Refund 1 ticket(s)" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm refund" }).click();
  await expect(thread(page)).toContainText("Refund of 1 ticket (€25.00) issued by Ana", { timeout: 30_000 });
  // The draft survived the refund (a system event is no reason to hold the reply).
  await expect(composerText(page)).toHaveValue(/I have refunded one ticket for you\.$/);
  await checkScreen(page, "a conversation with the order panel", "conversation");

  // Send and solve.
  await page.getByRole("button", { name: "Send and solve" }).click();
  await expect(thread(page)).toContainText("I have refunded one ticket for you.");
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("RESOLVED");
  expect(await statusOf(conversationId)).toBe("RESOLVED");

  // The buyer sees the answer on the site without a reload, and by e-mail.
  await expect(shop.getByRole("log")).toContainText("I have refunded one ticket for you.", { timeout: 20_000 });
  const mailed = await mailContaining(buyer.email, "I have refunded one ticket for you.");

  // The buyer answers the e-mail: the conversation reopens with that message, live in the agent's view.
  const mailedAt = Date.now();
  await answerByEmail(mailed, buyer, "Thank you! Received the refund notice.");
  await expect(thread(page)).toContainText("Thank you! Received the refund notice.", { timeout: 45_000 });
  note("buyer's e-mail answer (SMTP) → message in the agent's open conversation", mailedAt);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("OPEN");
  const messages = await messagesOf(conversationId);
  expect(messages.at(-1)).toMatchObject({ authorKind: "BUYER", channel: "EMAIL", body: expect.stringContaining("Thank you! Received the refund notice.") });
  expect(messages.at(-1)?.body).not.toContain("support wrote");
  await buyerContext.close();
});

test("two agents in one conversation see each other, and the second one's reply is held when the first answered meanwhile", async ({ browser }) => {
  test.setTimeout(180_000);
  const organisation = await createInboxOrganisation("Inbox Collision");
  const subject = `Seats together? ${tag()}`;
  const conversation = await openConversationAs(organisation, {
    name: "Cara Buyer",
    email: `inbox-collision-${tag()}@example.test`,
    subject,
    body: "Can we sit together?",
  });
  const anaContext = await browser.newContext({ baseURL: e2eConfig.urls.admin, viewport: { width: 1280, height: 900 } });
  const benContext = await browser.newContext({ baseURL: e2eConfig.urls.admin, viewport: { width: 1280, height: 900 } });
  const ana = await anaContext.newPage();
  const ben = await benContext.newPage();
  await signInAgent(ana, organisation.ana);
  await signInAgent(ben, organisation.ben);
  await openConversation(ana, organisation.organizationId, conversation.id, subject);
  await openConversation(ben, organisation.organizationId, conversation.id, subject);

  // Each sees the other; Ben starts writing and Ana sees it.
  await expect(ana.getByText("Ben is viewing")).toBeVisible({ timeout: 20_000 });
  await expect(ben.getByText("Ana is viewing")).toBeVisible({ timeout: 20_000 });
  await composerText(ben).pressSequentially("Yes, I will seat you together");
  await expect(ana.getByText("Ben is typing…")).toBeVisible({ timeout: 10_000 });

  // Ana answers first; Ben's reply is held, his draft kept, Ana's answer shown.
  await composerText(ana).fill("Done: row 4, seats 7 and 8.");
  await ana.getByRole("button", { name: "Send", exact: true }).click();
  await expect(thread(ana)).toContainText("Done: row 4, seats 7 and 8.");
  await ben.getByRole("button", { name: "Send", exact: true }).click();
  const warning = ben.getByRole("alert").filter({ hasText: "Not sent yet" });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("Done: row 4, seats 7 and 8.");
  await expect(composerText(ben)).toHaveValue("Yes, I will seat you together");
  await expectNoAccessibilityViolations(ben, "the held reply's warning");
  await saveDocScreenshot(ben, "issue-13", "collision-warning");
  await checkAtPhoneWidth(ben, "the held reply's warning", () => saveDocScreenshot(ben, "issue-13", "collision-warning-phone"));
  expect((await messagesOf(conversation.id)).filter((message) => message.authorKind === "AGENT")).toHaveLength(1);

  // Ben sends anyway.
  await ben.getByRole("button", { name: "Send anyway" }).click();
  await expect(warning).toBeHidden();
  await expect(thread(ben)).toContainText("Yes, I will seat you together");
  expect((await messagesOf(conversation.id)).filter((message) => message.authorKind === "AGENT").map((message) => message.body)).toEqual([
    "Done: row 4, seats 7 and 8.",
    "Yes, I will seat you together",
  ]);
  await anaContext.close();
  await benContext.close();
});

test("an agent of one organisation cannot see another's conversation: not found, and not in the list", async ({ page }) => {
  const mine = await createInboxOrganisation("Inbox Mine");
  const theirs = await createInboxOrganisation("Inbox Theirs");
  const subject = `Private question ${tag()}`;
  const conversation = await openConversationAs(theirs, { name: "Dana Other", email: `inbox-other-${tag()}@example.test`, subject, body: "Only for them." });
  await signInAgent(page, mine.ben);
  const response = await page.goto(`/orgs/${mine.organizationId}/inbox/${conversation.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText(subject)).toHaveCount(0);
  await openInbox(page, mine.organizationId, "?view=all");
  await expect(page.getByText("No conversations yet.")).toBeVisible();
  // Their own organisation's page, under their id, is not found for this agent either.
  const theirsPage = await page.goto(`/orgs/${theirs.organizationId}/inbox/${conversation.id}`);
  expect(theirsPage?.status()).toBe(404);
});
