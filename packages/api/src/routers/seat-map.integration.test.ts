import type { TeamRole } from "@marquee/db";
import { describe, expect, it } from "vitest";
import type { TSeatMapDocumentInput } from "../services/seat-map/seat-map-document.ts";
import { useHarness } from "../testing/harness.ts";

const h = useHarness();

/** Two sections (one curved, one with an aisle), two zones, a blocked and an accessible seat. */
const document = (overrides: Partial<TSeatMapDocumentInput> = {}): TSeatMapDocumentInput => ({
  name: "Small hall",
  priceZones: [
    { name: "Front", color: "#b45309" },
    { name: "Back", color: "#4f46e5" },
  ],
  sections: [
    { name: "Stalls", x: 40, y: 80, rows: 2, seatsPerRow: 6, aisles: [3], zone: "Front", marks: [{ row: "A", seat: "1", blocked: true }] },
    { name: "Circle", x: 40, y: 200, rows: 2, seatsPerRow: 8, curve: 300, zone: "Back", marks: [{ row: "A", seat: "4", accessible: true }] },
  ],
  ...overrides,
});

async function organiser(role: TeamRole = "ADMIN") {
  const member = await h.memberOf(role);
  const venue = await h.make.venue(member.organizationId);
  return { ...member, venue };
}

async function savedMap(role: TeamRole = "ADMIN") {
  const org = await organiser(role);
  const saved = await org.caller.seatMap.save({ organizationId: org.organizationId, venueId: org.venue.id, document: document() });
  return { ...org, saved };
}

/** A published reserved event on the map, with a ticket type per zone; `held` adds a hold (a "sale" for versioning). */
async function eventOn(organizationId: string, venueId: string, seatMapId: string, { held = false } = {}) {
  const event = await h.make.event(organizationId, venueId, { seatMapId, seatingMode: "RESERVED" });
  const zones = await h.db.priceZone.findMany({ where: { seatMapId }, orderBy: { sortOrder: "asc" } });
  for (const zone of zones) await h.make.ticketType(event.id, { name: zone.name, capacity: null, priceZoneId: zone.id });
  if (held) {
    const cart = await h.make.cart();
    const seat = await h.db.seat.findFirstOrThrow({ where: { seatMapId, blocked: false } });
    const hold = await h.db.hold.create({ data: { eventId: event.id, cartId: cart.id, expiresAt: new Date(Date.now() + 600_000) } });
    const ticketTypeId = (await h.db.ticketType.findFirstOrThrow({ where: { eventId: event.id, priceZoneId: seat.priceZoneId } })).id;
    await h.db.holdItem.create({ data: { holdId: hold.id, eventId: event.id, ticketTypeId, seatId: seat.id, quantity: 1 } });
  }
  return event;
}

const seatsOf = (seatMapId: string) =>
  h.db.seat.findMany({
    where: { seatMapId },
    select: {
      label: true,
      x: true,
      y: true,
      blocked: true,
      accessible: true,
      row: { select: { label: true } },
      section: { select: { name: true } },
      priceZone: { select: { name: true } },
    },
  });

describe("seatMap.save", () => {
  it("creates a map at a venue: the generated seats, zones and outlines, audited", async () => {
    const { organizationId, caller, saved } = await savedMap();
    expect(saved).toMatchObject({ version: 1, newVersion: false, previousSeatMapId: null, seatCount: 12 + 16 });
    const seats = await seatsOf(saved.seatMapId);
    expect(seats).toHaveLength(28);
    expect(seats.find((seat) => seat.section.name === "Stalls" && seat.row.label === "A" && seat.label === "1")).toMatchObject({
      blocked: true,
      priceZone: { name: "Front" },
    });
    expect(seats.find((seat) => seat.section.name === "Circle" && seat.row.label === "A" && seat.label === "4")).toMatchObject({
      accessible: true,
      priceZone: { name: "Back" },
    });
    const sections = await h.db.section.findMany({ where: { seatMapId: saved.seatMapId }, orderBy: { sortOrder: "asc" } });
    expect(sections[0]!.shape).toHaveProperty("width");
    expect(sections[1]!.shape).toHaveProperty("points");
    const detail = await caller.seatMap.get({ organizationId, seatMapId: saved.seatMapId });
    expect(detail).toMatchObject({ name: "Small hall", version: 1, seatCount: 28, hasSales: false, nextSeatMapId: null });
    expect(detail.document?.sections.map((section) => section.name)).toEqual(["Stalls", "Circle"]);
    const audit = await h.db.auditLog.findMany({ where: { organizationId, targetId: saved.seatMapId } });
    expect(audit.map((entry) => entry.action)).toEqual(["seat-map.create"]);
  });

  it("refuses an invalid map with every problem pointing at its section and row, writing nothing", async () => {
    const { organizationId, caller, venue } = await organiser();
    const bad = document({
      sections: [
        { name: "Stalls", x: 40, y: 80, rows: 2, seatsPerRow: 4, zone: "Front" },
        { name: "Stalls", x: 42, y: 80, rows: 1, seatsPerRow: 4, zone: "Nowhere" },
      ],
    });
    const error = await caller.seatMap.save({ organizationId, venueId: venue.id, document: bad }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^The seat map cannot be saved: Stalls: /) });
    const issues = (error as { cause: { details: { issues: { sectionIndex: number; row: string | null; message: string }[] } } }).cause.details.issues;
    expect(issues).toContainEqual(expect.objectContaining({ sectionIndex: 1, message: 'Section name "Stalls" is used twice.' }));
    expect(issues).toContainEqual(expect.objectContaining({ sectionIndex: 1, message: 'Price zone "Nowhere" does not exist.' }));
    expect(issues).toContainEqual(expect.objectContaining({ sectionIndex: 1, row: "A", message: "Seat 1 in row A appears twice." }));
    expect(await h.db.seatMap.count({ where: { organizationId } })).toBe(0);
  });

  it("rewrites a map without sales in place, keeping zone ids so ticket types stay linked", async () => {
    const { organizationId, caller, venue, saved } = await savedMap();
    const event = await eventOn(organizationId, venue.id, saved.seatMapId);
    const zonesBefore = await h.db.priceZone.findMany({ where: { seatMapId: saved.seatMapId }, orderBy: { name: "asc" } });
    const changed = document({ sections: [{ name: "Stalls", x: 40, y: 80, rows: 3, seatsPerRow: 5, zone: "Front", rowZones: { C: "Back" } }] });
    const again = await caller.seatMap.save({ organizationId, seatMapId: saved.seatMapId, document: changed });
    expect(again).toEqual({ seatMapId: saved.seatMapId, version: 2, newVersion: false, previousSeatMapId: null, seatCount: 15 });
    expect(await h.db.priceZone.findMany({ where: { seatMapId: saved.seatMapId }, orderBy: { name: "asc" } })).toEqual(
      zonesBefore.map((zone) => expect.objectContaining({ id: zone.id, name: zone.name })),
    );
    expect((await seatsOf(saved.seatMapId)).filter((seat) => seat.priceZone.name === "Back")).toHaveLength(5);
    expect((await h.db.event.findUniqueOrThrow({ where: { id: event.id } })).seatMapId).toBe(saved.seatMapId);
    // A zone a ticket type sells cannot silently disappear.
    const dropBack = document({
      priceZones: [{ name: "Front", color: "#b45309" }],
      sections: [{ name: "Stalls", x: 40, y: 80, rows: 1, seatsPerRow: 5, zone: "Front" }],
    });
    await expect(caller.seatMap.save({ organizationId, seatMapId: saved.seatMapId, document: dropBack })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await h.db.seat.count({ where: { seatMapId: saved.seatMapId } })).toBe(15);
  });

  it("never changes a map with a hold: the save is a new version, the event keeps the old one, and the old one cannot be saved again", async () => {
    const { organizationId, caller, venue, saved } = await savedMap();
    const event = await eventOn(organizationId, venue.id, saved.seatMapId, { held: true });
    const seatsBefore = await seatsOf(saved.seatMapId);
    const next = await caller.seatMap.save({ organizationId, seatMapId: saved.seatMapId, document: document({ name: "Small hall v2" }) });
    expect(next).toMatchObject({ version: 2, newVersion: true, previousSeatMapId: saved.seatMapId, seatCount: 28 });
    expect(next.seatMapId).not.toBe(saved.seatMapId);
    expect(await seatsOf(saved.seatMapId)).toEqual(seatsBefore);
    expect((await h.db.event.findUniqueOrThrow({ where: { id: event.id } })).seatMapId).toBe(saved.seatMapId);
    expect(await caller.seatMap.get({ organizationId, seatMapId: saved.seatMapId })).toMatchObject({ hasSales: true, nextSeatMapId: next.seatMapId });
    await expect(caller.seatMap.save({ organizationId, seatMapId: saved.seatMapId, document: document() })).rejects.toMatchObject({ code: "CONFLICT" });
    const list = await caller.seatMap.list({ organizationId });
    expect(list.seatMaps.map((map) => [map.id, map.version])).toEqual([[next.seatMapId, 2]]);
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { organizationId, targetId: next.seatMapId } });
    expect(audit).toMatchObject({ action: "seat-map.version", data: expect.objectContaining({ previousSeatMapId: saved.seatMapId }) });
  });
});

describe("seatMap.copy, export and import", () => {
  it("copies a map to an event in one action: the event's own copy, ticket types moved to its zones", async () => {
    const { organizationId, caller, venue, saved } = await savedMap();
    const event = await eventOn(organizationId, venue.id, saved.seatMapId);
    const copy = await caller.seatMap.copy({ organizationId, seatMapId: saved.seatMapId, eventId: event.id });
    expect(copy).toMatchObject({ eventId: event.id, seatCount: 28 });
    expect(copy.seatMapId).not.toBe(saved.seatMapId);
    expect((await h.db.event.findUniqueOrThrow({ where: { id: event.id } })).seatMapId).toBe(copy.seatMapId);
    const types = await h.db.ticketType.findMany({ where: { eventId: event.id }, include: { priceZone: true } });
    expect(types.map((type) => [type.name, type.priceZone?.seatMapId])).toEqual(
      expect.arrayContaining([
        ["Front", copy.seatMapId],
        ["Back", copy.seatMapId],
      ]),
    );
    const strip = (seats: Awaited<ReturnType<typeof seatsOf>>) => seats.map((seat) => JSON.stringify(seat)).sort();
    expect(strip(await seatsOf(copy.seatMapId))).toEqual(strip(await seatsOf(saved.seatMapId)));
    // Editing the original does not reach the copy.
    await caller.seatMap.save({
      organizationId,
      seatMapId: saved.seatMapId,
      document: document({ sections: [{ name: "Stalls", x: 40, y: 80, rows: 1, seatsPerRow: 3, zone: "Front" }] }),
    });
    expect(await h.db.seat.count({ where: { seatMapId: copy.seatMapId } })).toBe(28);

    const sold = await eventOn(organizationId, venue.id, saved.seatMapId, { held: true });
    await expect(caller.seatMap.copy({ organizationId, seatMapId: copy.seatMapId, eventId: sold.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("exports the document and imports it back as the same seats; a broken import is refused", async () => {
    const { organizationId, caller, venue, saved } = await savedMap();
    const exported = await caller.seatMap.export({ organizationId, seatMapId: saved.seatMapId });
    const imported = await caller.seatMap.import({ organizationId, venueId: venue.id, document: JSON.parse(JSON.stringify(exported)) });
    const strip = (seats: Awaited<ReturnType<typeof seatsOf>>) => seats.map((seat) => JSON.stringify(seat)).sort();
    expect(strip(await seatsOf(imported.seatMapId))).toEqual(strip(await seatsOf(saved.seatMapId)));
    const actions = await h.db.auditLog.findMany({ where: { organizationId, action: { in: ["seat-map.export", "seat-map.import"] } } });
    expect(actions.map((entry) => entry.action).sort()).toEqual(["seat-map.export", "seat-map.import"]);
    const overlapping = { ...exported, sections: [exported.sections[0]!, { ...exported.sections[0]!, name: "Copy", x: exported.sections[0]!.x + 4 }] };
    await expect(caller.seatMap.import({ organizationId, venueId: venue.id, document: overlapping })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Copy, row A: .*overlaps Stalls row A/),
    });
  });
});

describe("maps made before the editor", () => {
  it("opens one with regular rows as a recovered document, and refuses to export one it cannot describe", async () => {
    const { organizationId, caller, venue } = await organiser();
    const { seatMap } = await h.make.seatMap(organizationId, venue.id, { rows: 2, seatsPerRow: 5 });
    // The factory's seats start at 0, left of where an editor's block could begin.
    expect((await caller.seatMap.get({ organizationId, seatMapId: seatMap.id })).document).toBeNull();
    await expect(caller.seatMap.export({ organizationId, seatMapId: seatMap.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await h.db.seat.updateMany({ where: { seatMapId: seatMap.id }, data: { x: { increment: 50 }, y: { increment: 40 } } });
    const detail = await caller.seatMap.get({ organizationId, seatMapId: seatMap.id });
    expect(detail.document?.sections).toEqual([
      expect.objectContaining({
        name: "Stalls",
        x: 40,
        y: 30,
        rows: 2,
        seatsPerRow: 5,
        seatSpacing: 20,
        rowSpacing: 20,
        firstRow: "A",
        firstSeat: 1,
        zone: "Standard",
      }),
    ]);
    expect((await caller.seatMap.list({ organizationId })).seatMaps[0]).toMatchObject({ id: seatMap.id, drawnInEditor: false });
  });
});

describe("tenancy and roles", () => {
  it("answers NOT_FOUND for another organisation's maps, venues and events, changing nothing", async () => {
    const a = await savedMap();
    const b = await savedMap();
    const bEvent = await eventOn(b.organizationId, b.venue.id, b.saved.seatMapId);
    const as = { organizationId: a.organizationId };
    const notFound = { code: "NOT_FOUND" };
    await expect(a.caller.seatMap.get({ ...as, seatMapId: b.saved.seatMapId })).rejects.toMatchObject(notFound);
    await expect(a.caller.seatMap.save({ ...as, seatMapId: b.saved.seatMapId, document: document() })).rejects.toMatchObject(notFound);
    await expect(a.caller.seatMap.save({ ...as, venueId: b.venue.id, document: document() })).rejects.toMatchObject(notFound);
    await expect(a.caller.seatMap.import({ ...as, venueId: b.venue.id, document: document() })).rejects.toMatchObject(notFound);
    await expect(a.caller.seatMap.export({ ...as, seatMapId: b.saved.seatMapId })).rejects.toMatchObject(notFound);
    await expect(a.caller.seatMap.copy({ ...as, seatMapId: b.saved.seatMapId })).rejects.toMatchObject(notFound);
    await expect(a.caller.seatMap.copy({ ...as, seatMapId: a.saved.seatMapId, eventId: bEvent.id })).rejects.toMatchObject(notFound);
    await expect(a.caller.venue.get({ ...as, venueId: b.venue.id })).rejects.toMatchObject(notFound);
    await expect(a.caller.venue.update({ ...as, venueId: b.venue.id, fields: { name: "Taken" } })).rejects.toMatchObject(notFound);
    await expect(a.caller.venue.delete({ ...as, venueId: b.venue.id })).rejects.toMatchObject(notFound);
    // Naming B's organisation is FORBIDDEN outright.
    await expect(a.caller.seatMap.list({ organizationId: b.organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await h.db.seat.count({ where: { seatMapId: b.saved.seatMapId } })).toBe(28);
    expect((await h.db.event.findUniqueOrThrow({ where: { id: bEvent.id } })).seatMapId).toBe(b.saved.seatMapId);
    expect((await h.db.venue.findUniqueOrThrow({ where: { id: b.venue.id } })).name).toBe(b.venue.name);
    expect(await h.db.seatMap.count({ where: { organizationId: b.organizationId } })).toBe(1);
  });

  it("lets viewers read, and only event managers change, maps and venues", async () => {
    const { organizationId, saved, venue } = await savedMap();
    for (const role of ["BOX_OFFICE", "SUPPORT_AGENT"] as const) {
      const user = await h.make.member(organizationId, role);
      const caller = await h.callerAs(user.id, { app: "admin" });
      expect((await caller.seatMap.list({ organizationId })).seatMaps).toHaveLength(1);
      expect((await caller.venue.list({ organizationId })).venues).toHaveLength(1);
      const forbidden = { code: "FORBIDDEN" };
      await expect(caller.seatMap.save({ organizationId, seatMapId: saved.seatMapId, document: document() })).rejects.toMatchObject(forbidden);
      await expect(caller.seatMap.import({ organizationId, venueId: venue.id, document: document() })).rejects.toMatchObject(forbidden);
      await expect(caller.seatMap.export({ organizationId, seatMapId: saved.seatMapId })).rejects.toMatchObject(forbidden);
      await expect(caller.seatMap.copy({ organizationId, seatMapId: saved.seatMapId })).rejects.toMatchObject(forbidden);
      await expect(caller.venue.create({ organizationId, name: "X", city: "Y", country: "DE" })).rejects.toMatchObject(forbidden);
      await expect(caller.venue.delete({ organizationId, venueId: venue.id })).rejects.toMatchObject(forbidden);
    }
    const door = await h.callerAs((await h.make.member(organizationId, "DOOR_STAFF")).id, { app: "admin" });
    await expect(door.seatMap.get({ organizationId, seatMapId: saved.seatMapId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await h.db.seatMap.findUniqueOrThrow({ where: { id: saved.seatMapId } })).toMatchObject({ version: 1 });
  });

  it("manages venues: create, update, and no delete while events use one", async () => {
    const { organizationId, caller } = await organiser("OWNER");
    const venue = await caller.venue.create({ organizationId, name: "Docks", city: "Hamburg", country: "de", capacity: 900 });
    expect(venue).toMatchObject({ name: "Docks", country: "DE", timezone: "Europe/Berlin", seatMapCount: 0, eventCount: 0 });
    expect(await caller.venue.update({ organizationId, venueId: venue.id, fields: { name: "Docks Hall" } })).toMatchObject({ name: "Docks Hall" });
    await h.make.event(organizationId, venue.id);
    await expect(caller.venue.delete({ organizationId, venueId: venue.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const empty = await caller.venue.create({ organizationId, name: "Shed", city: "Kiel", country: "DE" });
    await caller.venue.delete({ organizationId, venueId: empty.id });
    const actions = await h.db.auditLog.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" } });
    expect(actions.map((entry) => entry.action)).toEqual(["venue.create", "venue.update", "venue.create", "venue.delete"]);
    await expect(caller.venue.create({ organizationId, name: "Bad", city: "X", country: "Germany" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
