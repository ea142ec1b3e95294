// adminRouter.checkin.stats and .conflicts, checkinDevice.stats, and the ticket-changed outbox
// event, against real PostgreSQL.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useHarness } from "../../../testing/harness.ts";
import { revokeTickets } from "../../tickets/revoke-tickets.ts";
import { ticketDeps } from "../../tickets/tickets-test-kit.ts";
import { checkinEvent, pairedDevice } from "../checkin-test-kit.ts";

const h = useHarness();

const scanOf = (code: string, listId: string, scannedAt: Date, deviceResult: "ACCEPTED" | "MALFORMED" = "ACCEPTED") => ({
  nonce: randomBytes(12).toString("base64url"),
  code,
  listId,
  scannedAt,
  deviceResult,
  offline: true,
});

/** An event where North admitted tickets 0 and 1, South double-entered ticket 0, and a bad code was refused. */
async function scannedEvent() {
  const kit = await checkinEvent(h);
  const north = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], gate: "North", name: "North 1" });
  const south = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], gate: "South", name: "South 1" });
  const at = (s: number) => new Date(kit.doorsAt.getTime() + s * 1000);
  await north.caller.checkinDevice.upload({
    scans: [
      scanOf(kit.tickets[0]!.signedCode, kit.list.id, at(1)),
      scanOf(kit.tickets[1]!.signedCode, kit.list.id, at(2)),
      scanOf("nonsense", kit.list.id, at(3), "MALFORMED"),
    ],
  });
  await south.caller.checkinDevice.upload({ scans: [scanOf(kit.tickets[0]!.signedCode, kit.list.id, at(30))] });
  return { kit, north, south };
}

describe("check-in stats and conflicts", () => {
  it("counts admitted, inside, refused and conflicts per event, list and gate", async () => {
    const { kit, south } = await scannedEvent();
    const { caller } = await h.memberOf("OWNER");
    const owner = await h.make.member(kit.organization.id, "OWNER");
    const console = await h.callerAs(owner.id, { app: "admin" });
    const stats = await console.checkin.stats({ organizationId: kit.organization.id, eventId: kit.event.id });
    const event = stats.events[0]!;
    expect(event.tickets).toBe(kit.tickets.length);
    expect(event.total).toEqual({ admitted: 2, inside: 2, refused: 2, conflicts: 1 });
    expect(event.lists).toEqual([{ listId: kit.list.id, name: "All tickets", tickets: kit.tickets.length, counts: event.total }]);
    expect(event.gates).toEqual([
      { gate: "North", counts: { admitted: 2, inside: 2, refused: 1, conflicts: 0 } },
      { gate: "South", counts: { admitted: 0, inside: 0, refused: 1, conflicts: 1 } },
    ]);
    expect(event.refusedByReason).toEqual(
      expect.arrayContaining([
        { result: "ALREADY_USED", count: 1 },
        { result: "MALFORMED", count: 1 },
      ]),
    );
    // A scanner device sees its own gate and the totals.
    const own = await south.caller.checkinDevice.stats();
    expect(own.events[0]!.gates.map((gate) => gate.gate)).toEqual(["South"]);
    expect(own.events[0]!.total).toEqual(event.total);
    // A member of another organisation naming this one is refused.
    await expect(caller.checkin.stats({ organizationId: kit.organization.id, eventId: kit.event.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lists both scans of each double entry, newest first, in pages; another organisation's event is not found", async () => {
    const { kit } = await scannedEvent();
    const west = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], gate: "West" });
    await west.caller.checkinDevice.upload({ scans: [scanOf(kit.tickets[1]!.signedCode, kit.list.id, new Date(kit.doorsAt.getTime() + 90_000))] });
    const owner = await h.make.member(kit.organization.id, "ADMIN");
    const console = await h.callerAs(owner.id, { app: "admin" });
    const page = await console.checkin.conflicts({ organizationId: kit.organization.id, eventId: kit.event.id, limit: 1 });
    expect(page.conflicts).toHaveLength(1);
    expect(page.conflicts[0]).toMatchObject({
      ticketId: kit.tickets[1]!.id,
      listName: "All tickets",
      admitted: { gate: "North" },
      doubleEntry: { gate: "West" },
    });
    const next = await console.checkin.conflicts({ organizationId: kit.organization.id, eventId: kit.event.id, limit: 1, cursor: page.nextCursor! });
    expect(next.conflicts[0]).toMatchObject({
      ticketId: kit.tickets[0]!.id,
      admitted: { gate: "North", deviceName: "North 1" },
      doubleEntry: { gate: "South", offline: true },
    });
    expect(next.nextCursor).toBeNull();

    const other = await h.memberOf("OWNER");
    await expect(other.caller.checkin.conflicts({ organizationId: other.organizationId, eventId: kit.event.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.caller.checkin.stats({ organizationId: other.organizationId, eventId: kit.event.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(console.checkin.conflicts({ organizationId: kit.organization.id, eventId: kit.event.id, cursor: "nope" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("announces a revoked ticket on the event's check-in channel in the revoking transaction", async () => {
    const kit = await checkinEvent(h);
    await revokeTickets(ticketDeps(h), { ticketIds: [kit.tickets[0]!.id], reason: "refund" });
    const rows = await h.db.outboxEvent.findMany({ where: { topic: "checkin.ticket-changed", aggregateId: kit.tickets[0]!.id } });
    expect(rows.map((row) => row.payload)).toEqual([{ id: kit.tickets[0]!.id, eventId: kit.event.id, status: "REVOKED" }]);
    // Revoking again changes nothing and announces nothing.
    await revokeTickets(ticketDeps(h), { ticketIds: [kit.tickets[0]!.id], reason: "again" });
    expect(await h.db.outboxEvent.count({ where: { topic: "checkin.ticket-changed", aggregateId: kit.tickets[0]!.id } })).toBe(1);
  });
});
