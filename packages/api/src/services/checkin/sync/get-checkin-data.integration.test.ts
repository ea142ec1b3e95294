// checkinDevice.data against real PostgreSQL: full sync in keyset pages, deltas that carry a
// revoked ticket and another device's scan, cursors that are not usable giving a full sync.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useHarness } from "../../../testing/harness.ts";
import { revokeTickets } from "../../tickets/revoke-tickets.ts";
import { ticketDeps } from "../../tickets/tickets-test-kit.ts";
import { checkinEvent, pairedDevice } from "../checkin-test-kit.ts";
import { encodeSyncCursor } from "./sync-cursor.ts";

const h = useHarness();

const scanOf = (code: string, listId: string, scannedAt: Date) => ({
  nonce: randomBytes(12).toString("base64url"),
  code,
  listId,
  scannedAt,
  deviceResult: "ACCEPTED" as const,
});

describe("checkinDevice.data", () => {
  it("takes a full sync in pages, then deltas with a revoked ticket and another device's scan", async () => {
    const kit = await checkinEvent(h);
    const { caller, device } = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id] });
    const other = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], gate: "South", name: "South 1" });
    await other.caller.checkinDevice.upload({ scans: [scanOf(kit.tickets[0]!.signedCode, kit.list.id, kit.doorsAt)] });

    const first = await caller.checkinDevice.data({ limit: 3, appVersion: "1.2.3" });
    expect(first).toMatchObject({ full: true, hasMore: true, scans: [] });
    expect(first.tickets).toHaveLength(3);
    expect(first.events[0]).toMatchObject({ id: kit.event.id, keys: [expect.objectContaining({ status: "ACTIVE" })] });
    expect(first.lists.map((list) => list.id)).toEqual([kit.list.id]);
    const second = await caller.checkinDevice.data({ cursor: first.cursor, limit: 3 });
    expect(second).toMatchObject({ full: false, hasMore: false });
    const all = [...first.tickets, ...second.tickets];
    expect(all.map((ticket) => ticket.id).sort()).toEqual(kit.tickets.map((ticket) => ticket.id).sort());
    expect(all.find((ticket) => ticket.seat !== null)).toMatchObject({ seat: "Stalls · Row A · Seat 1", holder: "Grace H." });
    expect(second.scans).toEqual([expect.objectContaining({ ticketId: kit.tickets[0]!.id, gate: "South", deviceName: "South 1", annulled: false })]);
    expect(await h.db.checkinDevice.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ appVersion: "1.2.3", lastSyncAt: expect.any(Date) });

    await revokeTickets(ticketDeps(h), { ticketIds: [kit.tickets[1]!.id], reason: "refund" });
    const scan = await other.caller.checkinDevice.upload({ scans: [scanOf(kit.tickets[2]!.signedCode, kit.list.id, kit.doorsAt)] });
    const delta = await caller.checkinDevice.data({ cursor: second.cursor });
    expect(delta.full).toBe(false);
    expect(delta.tickets).toContainEqual(expect.objectContaining({ id: kit.tickets[1]!.id, status: "REVOKED" }));
    expect(delta.scans.map((synced) => synced.id)).toContain(scan.results[0]!.scanId);
    // The overlap window repeats rows; it never drops the changes.
    const again = await caller.checkinDevice.data({ cursor: delta.cursor });
    expect(again.tickets.map((ticket) => ticket.id)).toContain(kit.tickets[1]!.id);
  });

  it("answers a full sync for a bad, foreign or tampered cursor, never an error", async () => {
    const kit = await checkinEvent(h);
    const { caller } = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], role: "SUPERVISOR" });
    const other = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id] });
    const foreign = (await other.caller.checkinDevice.data({})).cursor;
    const tampered = encodeSyncCursor({ v: 1, d: "not-a-uuid", p: "delta", t: 0, s: 0, k: null });
    for (const cursor of ["garbage", foreign, tampered, Buffer.from("[1,2]").toString("base64url")]) {
      const answer = await caller.checkinDevice.data({ cursor });
      expect(answer.full).toBe(true);
      expect(answer.tickets).toHaveLength(kit.tickets.length);
    }
    // A supervisor sees full names.
    expect((await caller.checkinDevice.data({})).tickets[0]!.holder).toBe("Grace Hopper");
  });

  it("syncs only the device's events and lists", async () => {
    const kit = await checkinEvent(h);
    const otherKit = await checkinEvent(h);
    const { caller } = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id, otherKit.event.id] });
    const answer = await caller.checkinDevice.data({});
    // authenticateDevice keeps only the organisation's own events.
    expect(answer.events.map((event) => event.id)).toEqual([kit.event.id]);
    expect(answer.tickets.every((ticket) => ticket.eventId === kit.event.id)).toBe(true);
  });
});
