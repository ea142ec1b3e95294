// Steps of the console's event pages that several specs take: the new-event form, an early bird on
// a ticket type, a percent voucher and publishing through the confirm dialog (axe on the dialog).
import { type Page, expect } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility.ts";
import { localInput } from "./fixtures.ts";

const DAY = 24 * 3_600_000;

export interface TNewEvent {
  name: string;
  slug: string;
  /** The venue option's label, "Name, City". */
  venue: string;
  /** The seating option's label ("Reserved: <map> (v1)"); general admission when absent. */
  seating?: string;
  description: string;
}

/** On the new-event form: fills it (starts in 30 days for three hours, on sale since yesterday) and creates the event; answers its page's path. */
export async function createEventWithForm(page: Page, event: TNewEvent): Promise<string> {
  await page.getByLabel("Name", { exact: true }).fill(event.name);
  await page.getByLabel("Web address (slug)").fill(event.slug);
  await page.getByLabel("Venue", { exact: true }).selectOption({ label: event.venue });
  if (event.seating) await page.getByLabel("Seating").selectOption({ label: event.seating });
  await page.getByLabel("Description", { exact: true }).fill(event.description);
  const now = Date.now();
  await page.getByLabel("Starts", { exact: true }).fill(localInput(new Date(now + 30 * DAY)));
  await page.getByLabel("Ends", { exact: true }).fill(localInput(new Date(now + 30 * DAY + 3 * 3_600_000)));
  await page.getByLabel("On sale from", { exact: true }).fill(localInput(new Date(now - DAY)));
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByRole("heading", { name: event.name, level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

/** On the ticket types page: a new type with its regular price (EUR) and either a capacity (general admission) or a price zone (reserved seating). */
export async function addTicketType(page: Page, type: { name: string; price: string } & ({ capacity: string } | { zone: string })): Promise<void> {
  const form = page.getByRole("form", { name: "New ticket type" });
  await form.getByLabel("Name", { exact: true }).fill(type.name);
  if ("zone" in type) await form.getByLabel("Price zone").selectOption({ label: type.zone });
  else await form.getByLabel("Capacity").fill(type.capacity);
  await form.getByLabel("Price (EUR, tax included)").fill(type.price);
  await form.getByRole("button", { name: "Add ticket type" }).click();
  await expect(page.getByRole("heading", { name: type.name, level: 2 })).toBeVisible();
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("");
}

/** On the ticket types page: an early-bird price (EUR) for the type until ten days from now. */
export async function setEarlyBird(page: Page, typeName: string, price: string): Promise<void> {
  const earlyBird = page.getByRole("form", { name: `Early bird for ${typeName}` });
  await earlyBird.getByLabel("Early-bird price (EUR)").fill(price);
  await earlyBird.getByLabel("Until").fill(localInput(new Date(Date.now() + 10 * DAY)));
  await earlyBird.getByRole("button", { name: "Set early bird" }).click();
  await expect(page.getByRole("region", { name: typeName })).toContainText(`Early bird €${Number(price).toFixed(2)}`);
}

/** On the vouchers page: a percent voucher for the whole event; answers its row (percent, uses). */
export async function createPercentVoucher(page: Page, code: string, percent: number) {
  await expect(page.getByRole("heading", { name: "Vouchers", level: 1 })).toBeVisible();
  const newVoucher = page.getByRole("form", { name: "New voucher" });
  await newVoucher.getByLabel("Code", { exact: true }).fill(code);
  await newVoucher.getByLabel("Kind").selectOption("PERCENT");
  await newVoucher.getByLabel("Percent or amount").fill(String(percent));
  await newVoucher.getByRole("button", { name: "Create voucher" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: code }) });
  await expect(row.getByRole("cell")).toHaveText([`${percent} %`, "0"]);
  return row;
}

/** On the event overview: Publish, confirmed in its dialog (checked by axe while open). */
export async function publishWithDialog(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Publish this event?" });
  await expect(confirm).toBeVisible();
  await expectNoAccessibilityViolations(page, "the publish dialog");
  await confirm.getByRole("button", { name: "Publish" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Published", { exact: true })).toBeVisible();
}
