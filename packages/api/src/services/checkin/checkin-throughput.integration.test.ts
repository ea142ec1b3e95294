// Throughput figures of the scanner API (not a test with a time limit): a full sync of 50,000
// tickets and an upload of 10,000 scans as 20 calls of 500. Runs only with CHECKIN_BENCH=1:
//   cd packages/api && CHECKIN_BENCH=1 npx vitest run src/services/checkin/checkin-throughput.integration.test.ts
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { issueTickets } from "../tickets/issue-tickets.ts";
import { orderWithLines, seatedEvent, ticketDeps } from "../tickets/tickets-test-kit.ts";
import { pairedDevice } from "./checkin-test-kit.ts";

const h = useHarness();
const TICKETS = Number(process.env.CHECKIN_BENCH_TICKETS ?? 50_000);
const SCANS = Number(process.env.CHECKIN_BENCH_SCANS ?? 10_000);

describe.runIf(process.env.CHECKIN_BENCH === "1")("check-in throughput", () => {
  it("prints the full sync and upload figures", async () => {
    const kit = await seatedEvent(h);
    let started = performance.now();
    for (let issued = 0; issued < TICKETS; issued += 1000) {
      const order = await orderWithLines(h, kit, { gaQuantity: Math.min(1000, TICKETS - issued) - 1, seatIndex: (issued / 1000) % kit.seats.length });
      await issueTickets(ticketDeps(h), { orderId: order.id });
    }
    console.info(`issued ${TICKETS} tickets in ${Math.round(performance.now() - started)} ms`);
    const list = await h.db.checkinList.findFirstOrThrow({ where: { eventId: kit.event.id } });
    const { caller } = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id] });

    started = performance.now();
    let cursor: string | undefined;
    let synced = 0;
    let pages = 0;
    for (;;) {
      const page = await caller.checkinDevice.data({ cursor, limit: 10_000 });
      synced += page.tickets.length;
      pages += 1;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const syncMs = performance.now() - started;
    console.info(`full sync: ${synced} tickets in ${pages} pages, ${Math.round(syncMs)} ms`);
    expect(synced).toBe(TICKETS);

    const tickets = await h.db.ticket.findMany({ where: { eventId: kit.event.id }, select: { signedCode: true }, take: SCANS });
    const scans = tickets.map((ticket, i) => ({
      nonce: randomBytes(12).toString("base64url"),
      code: ticket.signedCode,
      listId: list.id,
      scannedAt: new Date(kit.event.startsAt.getTime() + i),
      deviceResult: "ACCEPTED" as const,
      offline: true,
    }));
    started = performance.now();
    for (let i = 0; i < scans.length; i += 500) await caller.checkinDevice.upload({ scans: scans.slice(i, i + 500) });
    const uploadMs = performance.now() - started;
    console.info(`upload: ${scans.length} scans as ${Math.ceil(scans.length / 500)} calls of 500, ${Math.round(uploadMs)} ms`);
    expect(await h.db.scan.count({ where: { eventId: kit.event.id, result: "ACCEPTED" } })).toBe(scans.length);
  }, 600_000);
});
