// The door scanner with no signal, in Chromium against the whole stack: a device paired from the
// console's pairing payload syncs, loses the network, is reloaded offline (the service worker
// serves the app), scans 200 codes of every kind with the right verdicts, and on reconnecting
// uploads them: exactly 200 scans stored, none twice, although the first upload reaches the
// server and its answer is cut (the app retries the same nonces).
import { expect, test } from "@playwright/test";
import { checkinDatabase, closeCheckinData, createDoorSetup, storedScans } from "../support/checkin-data.ts";
import { expectSynced, pairScanner, pendingUploads, scanOffline, type TVerdict } from "../support/checkin-scanner.ts";
import { forgeTicketCode, revokeCheckinTickets } from "../support/checkin-tickets.ts";
import { saveScreenshot } from "../support/fixtures.ts";

const ROUNDS = 20;
const ACCEPTED_PER_ROUND = 6;

test.afterAll(async () => {
  await closeCheckinData();
});

interface TPlannedScan {
  code: string;
  verdict: TVerdict;
}

test("offline: 200 scans with the right verdicts, uploaded exactly once through a cut upload", async ({ page, context }, testInfo) => {
  // Pairing, an offline reload and 200 scans with their checks: minutes on a busy two-core machine.
  test.setTimeout(480_000);
  // Show A (the device's list) with 140 tickets, of which 20 are refunded before the sync; show B of the same organiser.
  const door = await createDoorSetup("Offline Door", [
    { name: "Offline Night", tickets: ROUNDS * ACCEPTED_PER_ROUND + ROUNDS },
    { name: "Other Night", tickets: ROUNDS },
  ]);
  const [{ show, tickets }, { show: other, tickets: otherTickets }] = door.shows as [(typeof door.shows)[0], (typeof door.shows)[0]];
  const admitted = tickets.slice(0, ROUNDS * ACCEPTED_PER_ROUND);
  const refunded = tickets.slice(ROUNDS * ACCEPTED_PER_ROUND);
  await revokeCheckinTickets(
    checkinDatabase(),
    refunded.map((ticket) => ticket.id),
  );

  // Both events' keys, but only show A's list: show B's codes are the wrong event at this door.
  const pairing = await door.api.createDevice({ name: "North phone", gate: "North gate", eventIds: [show.id, other.id], listIds: [show.listId] });
  await pairScanner(page, pairing.qrText);
  await expect(page.getByTestId("connection")).toHaveText("Online");
  await page.evaluate(async () => navigator.serviceWorker.ready.then(() => true));

  // No network from here on; a reload (a phone's cold start) still opens the scanner with its data.
  await context.setOffline(true);
  await expect(page.getByTestId("connection")).toHaveText("Offline");
  await page.reload();
  await expectSynced(page);
  await expect(page.getByTestId("connection")).toHaveText("Offline");
  await expect(pendingUploads(page)).toHaveAttribute("data-count", "0");

  // 20 rounds of 10: six first entries, a forged code, a refunded ticket, another show's ticket, and one of the round's tickets again.
  const plan: TPlannedScan[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const entries = admitted.slice(round * ACCEPTED_PER_ROUND, (round + 1) * ACCEPTED_PER_ROUND);
    plan.push(...entries.map((ticket) => ({ code: ticket.signedCode, verdict: "ACCEPTED" as const })));
    plan.push({ code: forgeTicketCode(entries[1]!.signedCode), verdict: "INVALID_SIGNATURE" });
    plan.push({ code: refunded[round]!.signedCode, verdict: "REVOKED" });
    plan.push({ code: otherTickets[round]!.signedCode, verdict: "WRONG_EVENT" });
    plan.push({ code: entries[0]!.signedCode, verdict: "ALREADY_USED" });
  }
  expect(plan).toHaveLength(200);
  for (const [index, planned] of plan.entries()) await scanOffline(page, planned.code, planned.verdict, index + 1, `scan ${index + 1} (${planned.verdict})`);
  await expect(pendingUploads(page)).toHaveAttribute("data-count", "200");
  await saveScreenshot(page, testInfo, "checkin-offline-200-queued");

  // The first upload reaches the server, then its answer is lost: the app must send the same nonces again.
  const sent: string[][] = [];
  let cut = 0;
  await context.route("**/api/v1/checkin/scans", async (route) => {
    const nonces = ((route.request().postDataJSON() as { scans?: { nonce: string }[] } | null)?.scans ?? []).map((scanned) => scanned.nonce);
    sent.push(nonces);
    if (cut === 0 && nonces.length > 0) {
      cut += 1;
      await route.fetch();
      await route.abort("connectionreset");
      return;
    }
    await route.continue();
  });
  await context.setOffline(false);
  await expect(page.getByTestId("connection")).toHaveText("Online");
  await expect(pendingUploads(page)).toHaveAttribute("data-count", "0", { timeout: 60_000 });

  expect(cut, "an upload was cut").toBe(1);
  const cutNonces = sent.find((nonces) => nonces.length > 0)!;
  const resent = new Set(sent.slice(sent.indexOf(cutNonces) + 1).flat());
  expect(
    cutNonces.filter((nonce) => !resent.has(nonce)),
    "every nonce of the cut upload is sent again",
  ).toEqual([]);

  const stored = await storedScans(pairing.device.id);
  expect(stored).toHaveLength(200);
  expect(new Set(stored.map((row) => row.nonce)).size).toBe(200);
  const byResult: Record<string, number> = {};
  for (const row of stored) byResult[row.result] = (byResult[row.result] ?? 0) + 1;
  expect(byResult).toEqual({ ACCEPTED: 120, INVALID_SIGNATURE: 20, REVOKED: 20, WRONG_EVENT: 20, ALREADY_USED: 20 });
  expect(stored.every((row) => row.deviceResult === row.result)).toBe(true);
  await saveScreenshot(page, testInfo, "checkin-offline-uploaded");
});
