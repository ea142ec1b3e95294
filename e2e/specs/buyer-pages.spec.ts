import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

// Issue 11, items 4 and 6: the site's own files and the status of pages that find nothing.

test("buyer pages: the favicon is an image", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^image\//);
  expect((await response.body()).byteLength).toBeGreaterThan(0);
});

test("buyer pages: an unknown order and an unknown checkout answer 404 with their own page", async ({ page }) => {
  const order = await page.goto(`/orders/${randomUUID()}`);
  expect(order?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("find this order");

  const checkout = await page.goto(`/checkout/${randomUUID()}`);
  expect(checkout?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("not in your cart");

  // Not an id at all: the same.
  expect((await page.goto("/orders/not-an-order"))?.status()).toBe(404);
});

test("buyer pages: Add to calendar downloads the event as an .ics through the link the page renders", async ({ page }) => {
  await page.goto("/events/northern-lights-live");
  const link = page.getByRole("link", { name: "Add to calendar" });
  const href = await link.getAttribute("href");
  expect(href).toBe("/events/northern-lights-live/calendar.ics");

  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/calendar/);
  const body = await response.text();
  expect(body.startsWith("BEGIN:VCALENDAR")).toBe(true);
  expect(body).toContain("Northern Lights");
  expect(body.trimEnd().endsWith("END:VCALENDAR")).toBe(true);

  // The browser's own download through a click gets the same file.
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
});
