import { describe, expect, it } from "vitest";
import { useHarness } from "../../../testing/harness.ts";
import { checkinOrganisation } from "../devices/device-test-kit.ts";

// Check-in lists in the console (adminRouter.checkin.lists / saveList / archiveList).

const h = useHarness();
const hour = 3_600_000;

describe("check-in lists", () => {
  it("lists the event's default list made by the database, then creates and updates one, audited", async () => {
    const { organizationId, eventId, ticketTypeId, caller } = await checkinOrganisation(h);
    const [defaultList] = await caller.checkin.lists({ organizationId, eventId });
    expect(defaultList).toMatchObject({ eventId, name: "All tickets", allTicketTypes: true, archived: false });

    const created = await caller.checkin.saveList({
      organizationId,
      eventId,
      name: "VIP door",
      allTicketTypes: false,
      ticketTypeIds: [ticketTypeId, ticketTypeId],
      exitScans: true,
      allowReentry: true,
      validFrom: new Date(Date.now() + hour),
      validUntil: new Date(Date.now() + 5 * hour),
    });
    expect(created).toMatchObject({
      name: "VIP door",
      allTicketTypes: false,
      ticketTypeIds: [ticketTypeId],
      exitScans: true,
      allowReentry: true,
      archived: false,
    });

    const updated = await caller.checkin.saveList({ organizationId, eventId, listId: created.id, name: "VIP", allTicketTypes: true, allowReentry: true });
    // Without exit scans there is no re-entry; all ticket types clears the chosen ones.
    expect(updated).toMatchObject({
      id: created.id,
      name: "VIP",
      allTicketTypes: true,
      ticketTypeIds: [],
      exitScans: false,
      allowReentry: false,
      validFrom: null,
    });
    expect((await caller.checkin.lists({ organizationId, eventId })).map((list) => list.name)).toEqual(["All tickets", "VIP"]);

    const audit = await h.db.auditLog.findMany({ where: { organizationId, targetId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["checkin-list.create", "checkin-list.update"]);
  });

  it("refuses a window that closes before it opens, no ticket type, another event's ticket type and a taken name, changing nothing", async () => {
    const { organizationId, eventId, caller } = await checkinOrganisation(h);
    const other = await h.make.gaEvent();
    const base = { organizationId, eventId, name: "Door B", allTicketTypes: true };
    const now = Date.now();
    await expect(caller.checkin.saveList({ ...base, validFrom: new Date(now + hour), validUntil: new Date(now + hour) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "VALIDATION_ERROR", details: { field: "validUntil" } },
    });
    await expect(caller.checkin.saveList({ ...base, allTicketTypes: false, ticketTypeIds: [] })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR", details: { field: "ticketTypeIds" } },
    });
    await expect(caller.checkin.saveList({ ...base, allTicketTypes: false, ticketTypeIds: [other.ticketType.id] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(caller.checkin.saveList({ ...base, name: "all TICKETS" })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { details: { reason: "NAME_TAKEN" } },
    });
    await expect(caller.checkin.saveList({ ...base, name: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await h.db.checkinList.count({ where: { eventId } })).toBe(1);
  });

  it("archives a list but never the event's last active one (409), and its name is free again", async () => {
    const { organizationId, eventId, caller } = await checkinOrganisation(h);
    const [defaultList] = await caller.checkin.lists({ organizationId, eventId });
    await expect(caller.checkin.archiveList({ organizationId, listId: defaultList!.id })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { details: { reason: "LAST_ACTIVE_LIST" } },
    });
    const second = await caller.checkin.saveList({ organizationId, eventId, name: "Side door", allTicketTypes: true });
    expect(await caller.checkin.archiveList({ organizationId, listId: defaultList!.id })).toMatchObject({ id: defaultList!.id, archived: true });
    // Again: unchanged, no second audit entry.
    expect(await caller.checkin.archiveList({ organizationId, listId: defaultList!.id })).toMatchObject({ archived: true });
    await expect(caller.checkin.archiveList({ organizationId, listId: second.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.checkin.saveList({ organizationId, eventId, listId: defaultList!.id, name: "X", allTicketTypes: true })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { details: { reason: "LIST_ARCHIVED" } },
    });
    expect(await caller.checkin.saveList({ organizationId, eventId, name: "All tickets", allTicketTypes: true })).toMatchObject({ archived: false });
    expect(await h.db.auditLog.count({ where: { organizationId, action: "checkin-list.archive" } })).toBe(1);
  });

  it("two archives racing on an event's last two lists leave one active", async () => {
    const { organizationId, eventId, caller } = await checkinOrganisation(h);
    const [defaultList] = await caller.checkin.lists({ organizationId, eventId });
    const second = await caller.checkin.saveList({ organizationId, eventId, name: "Second", allTicketTypes: true });
    const results = await Promise.allSettled([
      caller.checkin.archiveList({ organizationId, listId: defaultList!.id }),
      caller.checkin.archiveList({ organizationId, listId: second.id }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await h.db.checkinList.count({ where: { eventId, archivedAt: null } })).toBe(1);
  });

  it("refuses another organisation's event and list (NOT_FOUND) and its organisation (FORBIDDEN), changing nothing there", async () => {
    const a = await checkinOrganisation(h);
    const b = await checkinOrganisation(h);
    const [bList] = await b.caller.checkin.lists({ organizationId: b.organizationId, eventId: b.eventId });
    await expect(a.caller.checkin.lists({ organizationId: a.organizationId, eventId: b.eventId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(a.caller.checkin.lists({ organizationId: b.organizationId, eventId: b.eventId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(a.caller.checkin.saveList({ organizationId: a.organizationId, eventId: b.eventId, name: "Mine", allTicketTypes: true })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
    await expect(
      a.caller.checkin.saveList({ organizationId: a.organizationId, eventId: a.eventId, listId: bList!.id, name: "Mine", allTicketTypes: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await h.db.checkinList.create({ data: { organizationId: b.organizationId, eventId: b.eventId, name: "B2" } });
    await expect(a.caller.checkin.archiveList({ organizationId: a.organizationId, listId: bList!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await h.db.checkinList.findUniqueOrThrow({ where: { id: bList!.id } })).toMatchObject({ name: "All tickets", archivedAt: null });
  });

  it("lets box office read lists but not change them", async () => {
    const { organizationId, eventId } = await checkinOrganisation(h);
    const boxOffice = await h.callerAs((await h.make.member(organizationId, "BOX_OFFICE")).id, { app: "admin" });
    expect(await boxOffice.checkin.lists({ organizationId, eventId })).toHaveLength(1);
    await expect(boxOffice.checkin.saveList({ organizationId, eventId, name: "Nope", allTicketTypes: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
