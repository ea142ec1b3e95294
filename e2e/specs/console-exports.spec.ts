// The console's invoice archive in Chromium against the whole stack: an organisation with invoices
// and a credit note issued last month and one invoice this month; the organiser picks "Last month",
// downloads the ZIP (progress counted as it arrives) and it holds exactly last month's PDFs and an
// index.csv that lists them. Phone layout and axe on the exports page.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { unzipSync } from "fflate";
import { checkAtPhoneWidth } from "../support/accessibility.ts";
import { closeConsoleData, createOnSaleEvent, createOrganiser } from "../support/console-data.ts";
import { saveScreenshot, signInWithForm } from "../support/fixtures.ts";
import { closeInvoiceData, invoicedOrder } from "../support/invoice-data.ts";

test.afterAll(async () => {
  await closeInvoiceData();
  await closeConsoleData();
});

/** Noon UTC on a day of the month before the current one, as the browser (Europe/Berlin) counts months. */
function dayOfLastMonth(day: number): Date {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit" })
    .format(new Date())
    .split("-")
    .map(Number);
  return new Date(Date.UTC(year!, month! - 2, day, 12));
}

test("an organiser downloads last month's invoices and credit notes as one ZIP", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const organiser = await createOrganiser("Invoice Archive");
  const event = await createOnSaleEvent(organiser.organizationId, "Archive Night");
  const lastMonth = [...(await invoicedOrder(event.id, dayOfLastMonth(10), { refundOne: true })), ...(await invoicedOrder(event.id, dayOfLastMonth(20)))];
  const [thisMonth] = await invoicedOrder(event.id, new Date());

  await signInWithForm(page, organiser);
  await expect(page).toHaveURL(/\/orgs\//, { timeout: 30_000 });
  await page.goto(`/orgs/${organiser.organizationId}/exports`);
  const panel = page.getByRole("form", { name: "Invoices and credit notes (ZIP)" });
  await expect(panel).toBeVisible();
  await checkAtPhoneWidth(page, "the exports page with the invoice archive");

  await panel.getByRole("button", { name: "This quarter" }).click();
  await panel.getByRole("button", { name: "Last month" }).click();
  await expect(panel.getByLabel("From")).toHaveValue(/^\d{4}-\d{2}-01$/);
  await panel.getByRole("button", { name: "Download invoices (ZIP)" }).click();
  const link = page.getByTestId("invoice-export-download");
  await expect(link).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByRole("status")).toContainText(`${lastMonth.length} documents ready`);
  await saveScreenshot(page, testInfo, "console-invoice-archive");

  const download = await Promise.all([page.waitForEvent("download"), link.click()]).then(([d]) => d);
  expect(download.suggestedFilename()).toMatch(/^invoices-all-events-\d{4}-\d{2}-01-to-\d{4}-\d{2}-01\.zip$/);
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const names = lastMonth.map((document) => `${document.displayNumber}.pdf`);
  expect(Object.keys(entries).sort()).toEqual([...names, "index.csv"].sort());
  expect(Object.keys(entries)).not.toContain(`${thisMonth!.displayNumber}.pdf`);
  for (const name of names) expect(Buffer.from(entries[name]!.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  const index = parse(Buffer.from(entries["index.csv"]!), { columns: true }) as Record<string, string>[];
  expect(index.map((row) => [row.number, row.kind, row.total_minor])).toEqual(
    lastMonth.map((document) => [document.displayNumber, document.kind === "CREDIT_NOTE" ? "credit-note" : "invoice", String(document.totalMinor)]),
  );
});
