// `npm run bench:checkin [-- --quick] [--tickets 50000] [--scans 1000] [--uploads 10000] [--pushes 50]`:
// the door scanner in Chromium against its own stack (bench-stack.ts), with real signed tickets:
//   1. full sync: wall time from "Pair this device" to the first full sync in IndexedDB, and the
//      app's own "checkin:sync" measure, for --tickets tickets;
//   2. offline data per 10,000 tickets: the JSON bytes of every stored record, and the origin's
//      navigator.storage.estimate() usage (IndexedDB with indexes, plus the service worker cache);
//   3. verdict time per scan: the app's "checkin:verdict" measures over --scans scans typed into the
//      input (valid, repeated, forged), p50/p95/max;
//   4. upload: --uploads scans put in the offline queue, then online: time until the queue is empty
//      (scaled to 10,000 when fewer);
//   5. gate-to-gate: device A scans, time until device B's IndexedDB holds the scan, p50/p95.
// Figures and their ratio to the issue's goals; nothing is judged (house style rule 14).
import { randomBytes } from "node:crypto";
import { numberOption, percentile, runBench } from "@marquee/api/bench/lib/load";
import { isQuick } from "@marquee/api/bench/lib/env";
import { createDb } from "@marquee/db";
import { chromium } from "@playwright/test";
import { createOrganiserToken, organiserApi } from "../../../e2e/support/checkin-console.ts";
import { createCheckinOrganization, createCheckinShow, forgeTicketCode, issueCheckinTickets } from "../../../e2e/support/checkin-tickets.ts";
import { startBenchStack } from "./bench-stack.ts";
import { fillUploadQueue, measures, offlineDataSize, pairAndSync, scanOne, type TQueuedScanRow, watchForScanOf } from "./scanner-page.ts";
import { printFigures, type TFigure } from "./print-figures.ts";

const args = process.argv.slice(2);
const QUICK = isQuick(args);
const TICKETS = numberOption(args, "tickets", QUICK ? 2_000 : 50_000);
const SCANS = numberOption(args, "scans", QUICK ? 100 : 1_000);
const UPLOADS = Math.min(numberOption(args, "uploads", QUICK ? 1_000 : 10_000), TICKETS - SCANS - 100);
const PUSHES = numberOption(args, "pushes", QUICK ? 10 : 50);
const WARM_UP_PUSHES = 2;
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"];
const log = (line: string) => console.info(line);
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

async function main() {
  log(`bench:checkin ${new Date().toISOString()}${QUICK ? " (--quick)" : ""}: ${TICKETS} tickets, ${SCANS} scans, ${UPLOADS} uploads, ${PUSHES} pushes`);
  const stack = await startBenchStack(log);
  const db = createDb(stack.databaseUrl, { max: 4 });
  const owner = await createCheckinOrganization(db, "Bench Door");
  const show = await createCheckinShow(db, owner, "Bench Night");
  const issuedAt = performance.now();
  const tickets = await issueCheckinTickets(db, show, TICKETS);
  log(`${TICKETS} tickets issued and signed in ${((performance.now() - issuedAt) / 1000).toFixed(1)} s`);
  const api = organiserApi(stack.apiUrl, await createOrganiserToken(db, owner.organizationId));
  await db.$disconnect();

  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const figures: TFigure[] = [];
  try {
    const gateA = await browser.newContext({ baseURL: stack.checkinUrl });
    const pageA = await gateA.newPage();
    const pairingA = await api.createDevice({ name: "Bench A", gate: "Gate A", eventIds: [show.id] });
    // The origin's usage once the service worker has cached the app, before any check-in data.
    await pageA.goto("/scan");
    const emptyUsage = await pageA.evaluate(async () => {
      await navigator.serviceWorker.ready;
      return (await navigator.storage.estimate()).usage ?? 0;
    });
    const syncWall = await pairAndSync(pageA, pairingA.qrText, 10 * 60_000);
    const syncMeasure = (await measures(pageA, "checkin:sync"))[0];
    figures.push({ name: `full sync, ${TICKETS} tickets (click to ready)`, value: syncWall / 1000, unit: "s" });
    if (syncMeasure !== undefined) figures.push({ name: `full sync, ${TICKETS} tickets ("checkin:sync")`, value: syncMeasure / 1000, unit: "s" });

    const size = await offlineDataSize(pageA);
    const perTenThousand = (bytes: number) => bytes / (TICKETS / 10_000) / 1_000_000;
    const recordBytes = Object.values(size.recordBytes).reduce((sum, bytes) => sum + bytes, 0);
    figures.push({ name: "offline data per 10,000 tickets (records as JSON)", value: perTenThousand(recordBytes), unit: "MB", goal: 1 });
    figures.push({ name: "offline data per 10,000 tickets (storage.estimate)", value: perTenThousand(size.usage - emptyUsage), unit: "MB", goal: 1 });
    log(`records by store (bytes): ${JSON.stringify(size.recordBytes)}; storage usage ${size.usage} bytes (${emptyUsage} before pairing)`);

    // Verdicts: first entries, every tenth a repeat, every twentieth a forged code.
    for (let index = 0; index < SCANS; index++) {
      const ticket = tickets[index]!;
      const code = index % 20 === 19 ? forgeTicketCode(ticket.signedCode) : index % 10 === 9 ? tickets[index - 1]!.signedCode : ticket.signedCode;
      await scanOne(pageA, code);
    }
    const verdicts = sorted(await measures(pageA, "checkin:verdict"));
    log(`${SCANS} scans typed`);
    figures.push({ name: `verdict p50 (${verdicts.length} scans)`, value: percentile(verdicts, 0.5), unit: "ms", goal: 5 });
    figures.push({ name: "verdict p95", value: percentile(verdicts, 0.95), unit: "ms", goal: 5 });
    figures.push({ name: "verdict max", value: verdicts[verdicts.length - 1] ?? NaN, unit: "ms" });

    // Gate to gate: B watches its own data while A admits, one ticket at a time.
    const gateB = await browser.newContext({ baseURL: stack.checkinUrl });
    const pageB = await gateB.newPage();
    await pairAndSync(pageB, (await api.createDevice({ name: "Bench B", gate: "Gate B", eventIds: [show.id] })).qrText, 10 * 60_000);
    const latencies: number[] = [];
    for (let index = 0; index < WARM_UP_PUSHES + PUSHES; index++) {
      const ticket = tickets[SCANS + index]!;
      const seen = watchForScanOf(pageB, ticket.id, 30_000);
      const shownAt = await scanOne(pageA, ticket.signedCode);
      const latency = (await seen) - shownAt;
      if (index >= WARM_UP_PUSHES) latencies.push(latency);
    }
    const pushes = sorted(latencies);
    log(`${PUSHES} admissions seen at the other gate`);
    figures.push({ name: `gate-to-gate p50 (${pushes.length} admissions)`, value: percentile(pushes, 0.5), unit: "ms", goal: 2_000 });
    figures.push({ name: "gate-to-gate p95", value: percentile(pushes, 0.95), unit: "ms", goal: 2_000 });

    // Upload: a queue of scans made offline, then the network back.
    await gateA.setOffline(true);
    const first = SCANS + WARM_UP_PUSHES + PUSHES;
    const rows: TQueuedScanRow[] = tickets.slice(first, first + UPLOADS).map((ticket, index) => ({
      nonce: `bench-${randomBytes(12).toString("hex")}`,
      code: ticket.signedCode,
      kind: "ENTRY",
      listId: show.listId,
      eventId: show.id,
      ticketId: ticket.id,
      scannedAt: Date.now() - UPLOADS + index,
      deviceResult: "ACCEPTED",
      offline: true,
      state: "pending",
      attempts: 0,
    }));
    await fillUploadQueue(pageA, rows);
    await pageA.reload();
    await pageA
      .getByTestId("pending-uploads")
      .and(pageA.locator(`[data-count="${UPLOADS}"]`))
      .waitFor({ timeout: 60_000 });
    const uploadStartedAt = performance.now();
    await gateA.setOffline(false);
    await pageA
      .getByTestId("pending-uploads")
      .and(pageA.locator('[data-count="0"]'))
      .waitFor({ timeout: 3 * 60_000 });
    const uploadSeconds = (performance.now() - uploadStartedAt) / 1000;
    figures.push({ name: `upload ${UPLOADS} queued scans`, value: uploadSeconds, unit: "s" });
    figures.push({ name: "upload per 10,000 queued scans", value: (uploadSeconds * 10_000) / UPLOADS, unit: "s", goal: 10 });
  } finally {
    // What was measured before a failure is still worth seeing.
    if (figures.length > 0) printFigures(figures);
    await browser.close();
  }
}

runBench(main);
