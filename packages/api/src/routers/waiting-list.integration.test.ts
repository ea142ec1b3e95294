// The waiting list through the callers: the console turns it on, a buyer joins over the shop's
// router, the console lists, exports and removes; another organisation sees none of it.
import { describe, expect, it } from "vitest";
import { kitCart } from "../services/booking/booking-test-kit.ts";
import { useHarness } from "../testing/harness.ts";

const h = useHarness();

async function soldOutEvent() {
  const owner = await h.memberOf("OWNER");
  const venue = await h.make.venue(owner.organizationId);
  const event = await h.make.event(owner.organizationId, venue.id);
  const type = await h.make.ticketType(event.id, { capacity: 1, soldCount: 1 });
  return { ...owner, event, type };
}

const buyer = async () => h.callerAs(null, { request: { cartToken: (await kitCart(h)).token, admissionToken: null } });

describe("waitingList (console and shop)", () => {
  it("turns on, takes a buyer's entry, lists, exports and removes it; B's ids are refused", async () => {
    const { organizationId, caller, event, type } = await soldOutEvent();
    const shop = await buyer();
    await expect(shop.waitingList.join({ eventId: event.id, ticketTypeId: type.id, email: "fan@example.test", quantity: 2 })).rejects.toMatchObject({
      cause: { code: "WAITING_LIST_CLOSED" },
    });
    expect(await caller.waitingList.updateSettings({ organizationId, eventId: event.id, enabled: true, paused: true, offerMinutes: 45 })).toEqual({
      eventId: event.id,
      enabled: true,
      paused: true,
      offerMinutes: 45,
    });
    const joined = await shop.waitingList.join({ eventId: event.id, ticketTypeId: type.id, email: "fan@example.test", quantity: 2 });
    expect(joined).toMatchObject({ status: "WAITING", place: 1, created: true });
    await expect(shop.waitingList.join({ eventId: event.id, ticketTypeId: type.id, email: "not-an-address", quantity: 2 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(shop.waitingList.claim({ token: "A".repeat(43) })).rejects.toMatchObject({ cause: { code: "OFFER_INVALID" } });

    const overview = await caller.waitingList.overview({ organizationId, eventId: event.id });
    expect(overview).toMatchObject({ enabled: true, paused: true, offerMinutes: 45, counts: { WAITING: 1 } });
    expect(overview.entries).toMatchObject([{ id: joined.entryId, email: "fan@example.test", quantity: 2, status: "WAITING", place: 1 }]);
    const exported = await caller.waitingList.export({ organizationId, eventId: event.id });
    expect(exported.csv.split("\n")[1]).toContain("fan@example.test");
    expect(exported.count).toBe(1);

    const other = await h.memberOf("OWNER");
    await expect(other.caller.waitingList.overview({ organizationId: other.organizationId, eventId: event.id })).rejects.toMatchObject({
      cause: { code: "NOT_FOUND" },
    });
    await expect(other.caller.waitingList.export({ organizationId: other.organizationId, eventId: event.id })).rejects.toMatchObject({
      cause: { code: "NOT_FOUND" },
    });
    await expect(other.caller.waitingList.remove({ organizationId: other.organizationId, entryId: joined.entryId })).rejects.toMatchObject({
      cause: { code: "NOT_FOUND" },
    });
    await expect(
      other.caller.waitingList.updateSettings({ organizationId: other.organizationId, eventId: event.id, enabled: false, paused: false, offerMinutes: 60 }),
    ).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    await expect(other.caller.waitingList.overview({ organizationId, eventId: event.id })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });

    expect(await caller.waitingList.remove({ organizationId, entryId: joined.entryId })).toEqual({ removed: true, eventId: event.id });
    expect((await caller.waitingList.overview({ organizationId, eventId: event.id, status: "REMOVED" })).entries).toHaveLength(1);
    expect((await h.db.auditLog.findMany({ where: { organizationId }, select: { action: true } })).map((a) => a.action)).toEqual(
      expect.arrayContaining(["event.waiting-list.update", "event.waiting-list.remove"]),
    );
  });
});
