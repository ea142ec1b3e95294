import { type Page, expect, test } from "@playwright/test";
import { verifyMarqueeSignature } from "@marquee/api/services/webhooks/signature";
import { expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { closeApiTokenData, createOrganizationWithOwner } from "../support/api-token-data.ts";
import { saveDocScreenshot, signInWithForm } from "../support/fixtures.ts";
import { closeWebhookData, createWebhookEvent, payOrder, startWebhookReceiver } from "../support/webhook-data.ts";

test.afterAll(async () => {
  await closeApiTokenData();
  await closeWebhookData();
});

const PHONE = { width: 390, height: 844 };

async function expectNoSidewaysScroll(page: Page, where: string) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(wide, `${where} scrolls sideways at ${PHONE.width} px`).toBeLessThanOrEqual(0);
}

test("the owner adds a webhook endpoint, sees its secret once, a paid order is delivered signed, a failed delivery is redelivered, and the secret rotates", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const receiver = await startWebhookReceiver();
  try {
    const { organization, owner } = await createOrganizationWithOwner("Webhook Tests");
    const { event, ticketType } = await createWebhookEvent(organization.id);
    await signInWithForm(page, owner);
    await expect(page).toHaveURL(new RegExp(`/orgs/${organization.id}/`));
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await expectNoAccessibilityViolations(page, "the webhooks page");

    // Create: the secret is shown once.
    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByLabel("Description (optional)").fill("Local receiver");
    await page.getByLabel(/Ticket checked in/).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const reveal = page.getByTestId("webhook-secret-reveal");
    await expect(reveal).toContainText("it will not be shown again");
    const secret = await page.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const endpoint = page.getByTestId("webhook-endpoint").filter({ hasText: receiver.url });
    await expect(endpoint).toContainText("Order paid · Ticket checked in");
    await page.reload();
    await expect(page.getByTestId("webhook-secret-reveal")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    // A paid order: delivered, 2xx, logged; the receiver's copy verifies with the documented check.
    await payOrder(organization.id, event.id, ticketType.id);
    const log = page.getByTestId("webhook-log");
    const rows = log.getByTestId("webhook-delivery");
    await expect(rows.first()).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 60_000 });
    await expect(rows.first().getByTestId("webhook-status-code")).toHaveText("200");
    await expect(rows.first()).toContainText("order.paid");
    expect(receiver.received).toHaveLength(1);
    const delivered = receiver.received[0]!;
    expect(verifyMarqueeSignature(delivered.rawBody, delivered.headers["marquee-signature"] as string, secret)).toBe(true);
    expect(JSON.parse(delivered.rawBody)).toMatchObject({ type: "order.paid", id: delivered.headers["marquee-delivery"] });

    // The receiver is down: the delivery waits for its retry with the 500 logged; redeliver once it is back.
    receiver.state.status = 500;
    await payOrder(organization.id, event.id, ticketType.id);
    await expect(rows).toHaveCount(2, { timeout: 60_000 });
    const failing = rows.first();
    await expect(failing.getByTestId("webhook-status-code")).toHaveText("500", { timeout: 60_000 });
    await expect(failing).toHaveAttribute("data-status", "PENDING");
    await expect(failing).toContainText("receiver down (500)");
    receiver.state.status = 200;
    await failing.getByRole("button", { name: /^Redeliver/ }).click();
    await expect(failing).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 60_000 });
    await expect(failing.getByTestId("webhook-status-code")).toHaveText("200");
    await failing.getByRole("button", { name: /^Attempts of/ }).click();
    const attempts = log.getByTestId("webhook-attempts");
    await expect(attempts.getByRole("listitem")).toHaveCount(2);
    await expect(attempts).toContainText("500");
    await expect(attempts).toContainText("200");
    const ids = receiver.received.slice(1).map((request) => request.headers["marquee-delivery"]);
    expect(new Set(ids).size).toBe(1); // the same delivery id on the retry
    await expectNoAccessibilityViolations(page, "the webhook log");
    await saveDocScreenshot(page, "issue-15", "webhooks-log-desktop");

    // Rotate: a new secret, shown once; the old one still signs for a day.
    await endpoint.getByRole("button", { name: "Rotate secret" }).click();
    const rotated = await endpoint.getByTestId("webhook-secret").inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await expect(endpoint).toContainText("previous secret also signs until");

    await page.setViewportSize(PHONE);
    await page.reload();
    await expect(page.getByTestId("webhook-log").getByTestId("webhook-delivery")).toHaveCount(2);
    await expectNoSidewaysScroll(page, "the webhooks page");
    await expectNoAccessibilityViolations(page, "the webhooks page on a phone");
    await saveDocScreenshot(page, "issue-15", "webhooks-log-phone");
  } finally {
    await receiver.close();
  }
});
