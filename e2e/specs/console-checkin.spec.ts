// Issue 14 in the console (event → Check-in) in Chromium against the whole stack: the owner creates
// a scanner device and sees its pairing QR code, token and countdown; the device pairs through the
// device REST API and turns Active with its app version; a second device pairs; an upload shows in
// the live progress without a reload; the same ticket uploaded by the second device while offline
// is listed as a double entry with both scans; the owner revokes the second device, which is then
// refused. Axe and the 390 px reflow check on every screen; SCREENSHOTS=1 writes docs/screenshots/issue-14/.
import { type Page, expect, test } from "@playwright/test";
import { checkAtPhoneWidth, expectNoAccessibilityViolations } from "../support/accessibility.ts";
import { checkinDatabase, closeCheckinData, createDoorSetup } from "../support/checkin-data.ts";
import { createCheckinOwner, pairScannerDevice } from "../support/console-checkin-steps.ts";
import { e2eConfig } from "../support/env.ts";
import { saveDocScreenshot, signInWithForm } from "../support/fixtures.ts";

test.afterAll(closeCheckinData);

/** Axe at the desktop size, then the reflow check and axe at 390 px, with the docs screenshots of both. */
async function checkScreen(page: Page, where: string, shot: string) {
  await expectNoAccessibilityViolations(page, where);
  await saveDocScreenshot(page, "issue-14", shot);
  await checkAtPhoneWidth(page, where, () => saveDocScreenshot(page, "issue-14", `${shot}-phone`));
}

const checkinNav = (page: Page) => page.getByRole("navigation", { name: "Check-in pages" });

/** Creates a device in the console and answers the token its pairing panel shows. */
async function createDeviceInConsole(page: Page, name: string, gate: string): Promise<string> {
  await page.getByRole("button", { name: "New device" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Gate", { exact: true }).fill(gate);
  await page.getByRole("button", { name: "Create and show pairing code" }).click();
  const panel = page.getByRole("region", { name: `Pair “${name}”` });
  await expect(panel.getByRole("img", { name: "Pairing QR code" })).toBeVisible();
  await expect(panel.getByRole("timer")).toHaveText(/^Expires in 1[45]:\d\d$/);
  const token = (await panel.getByTestId("pairing-token").textContent()) ?? "";
  expect(token).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4})+$/);
  return token;
}

const deviceRow = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });

test("devices pair from the console's code, progress updates live, a double entry is listed with both scans, and a revoked device is refused", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const setup = await createDoorSetup("Console Door", [{ name: "Harbour Lights", tickets: 5 }]);
  const { show, tickets } = setup.shows[0]!;
  const owner = await createCheckinOwner(checkinDatabase(), setup.organizationId);

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithForm(page, owner);
  await expect(page).toHaveURL(new RegExp(`/orgs/${setup.organizationId}/events$`));
  await page.goto(`/orgs/${setup.organizationId}/events/${show.id}`);
  await page.getByRole("navigation", { name: "Event pages" }).getByRole("link", { name: "Check-in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check-in" })).toBeVisible();
  const overall = page.getByRole("region", { name: "Overall" });
  await expect(overall).toContainText("0 / 5 admitted");

  // Device A: created in the console, paired through the device API with the token it shows.
  await checkinNav(page).getByRole("link", { name: "Devices" }).click();
  const tokenA = await createDeviceInConsole(page, "Door A phone", "Door A");
  await checkScreen(page, "the pairing panel", "console-checkin-pairing");
  const deviceA = await pairScannerDevice(e2eConfig.urls.web, tokenA, "e2e-2.4.1");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(deviceRow(page, "Door A phone")).toContainText("Active", { timeout: 15_000 });
  await expect(deviceRow(page, "Door A phone")).toContainText("e2e-2.4.1");

  const tokenB = await createDeviceInConsole(page, "Door B phone", "Door B");
  const deviceB = await pairScannerDevice(e2eConfig.urls.web, tokenB, "e2e-2.4.1");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(deviceRow(page, "Door B phone")).toContainText("Active", { timeout: 15_000 });
  await checkScreen(page, "the devices", "console-checkin-devices");

  // An admission at Door A reaches the open progress page without a reload.
  await checkinNav(page).getByRole("link", { name: "Progress" }).click();
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 15_000 });
  const admittedAt = new Date(Date.now() - 60_000);
  const first = await deviceA.upload({ code: tickets[0]!.signedCode, listId: show.listId, scannedAt: admittedAt, offline: false });
  expect(first.body.results[0]).toMatchObject({ result: "ACCEPTED", conflict: false, new: true });
  const uploadedAt = Date.now();
  await expect(overall).toContainText("1 / 5 admitted", { timeout: 10_000 });
  console.info(`upload → console progress: ${Date.now() - uploadedAt} ms`);
  await expect(page.getByRole("region", { name: "By gate" })).toContainText("Door A");
  await expect(page.getByTestId("last-scan")).not.toContainText("never");

  // Door B admitted the same ticket while offline, later by device time: a double entry.
  const second = await deviceB.upload({ code: tickets[0]!.signedCode, listId: show.listId, scannedAt: new Date(admittedAt.getTime() + 30_000), offline: true });
  expect(second.body.results[0]).toMatchObject({ conflict: true });
  // Refusals and double entries are not pushed on the channel: the page's 10 s poll brings them.
  await expect(overall).toContainText(/Conflicts\s*1/, { timeout: 20_000 });
  await checkScreen(page, "the progress", "console-checkin-progress");
  // After a reload the server's own figure says when the last scan was.
  await page.reload();
  await expect(page.getByTestId("last-scan")).toHaveText(/Last scan: (just now|\d+ s ago)/);

  await checkinNav(page).getByRole("link", { name: "Conflicts" }).click();
  const conflict = page.getByRole("list", { name: "Double entries" }).getByRole("listitem").first();
  await expect(conflict).toContainText(tickets[0]!.shortCode);
  await expect(conflict).toContainText("Door A");
  await expect(conflict).toContainText("Door B phone");
  await expect(conflict).toContainText("offline");
  await checkScreen(page, "the conflicts", "console-checkin-conflicts");

  await checkinNav(page).getByRole("link", { name: "Lists" }).click();
  await expect(page.getByRole("table", { name: "Check-in lists" })).toContainText("All tickets");
  await checkScreen(page, "the lists", "console-checkin-lists");

  // Revoke Door B (confirmed): the console says so, and the device is refused at its next contact.
  await checkinNav(page).getByRole("link", { name: "Devices" }).click();
  await page.getByRole("button", { name: "Revoke… Door B phone" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke device" }).click();
  await expect(deviceRow(page, "Door B phone")).toContainText("Revoked");
  const refused = await deviceB.upload({ code: tickets[1]!.signedCode, listId: show.listId, scannedAt: new Date(), offline: false });
  expect(refused.status).toBe(401);
  expect(JSON.stringify(refused.body)).toContain("DEVICE_REVOKED");
});
