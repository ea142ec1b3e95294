// The organiser's event procedures through the console's caller: create -> ticket type -> publish
// -> a buyer holds at once; capacity changes reach Redis in the same request; tenants and roles.
import { describe, expect, it } from "vitest";
import { kitCart } from "../services/booking/booking-test-kit.ts";
import { useHarness } from "../testing/harness.ts";

const h = useHarness();
const HOUR = 3_600_000;
const slug = () => `ev-${crypto.randomUUID().slice(0, 12)}`;

async function ownerWithVenue() {
  const owner = await h.memberOf("OWNER");
  const venue = await h.make.venue(owner.organizationId);
  return { ...owner, venue };
}

const eventInput = (organizationId: string, venueId: string) => ({
  organizationId,
  name: "Spring Concert",
  slug: slug(),
  venueId,
  startsAt: new Date(Date.now() + 48 * HOUR),
  endsAt: new Date(Date.now() + 51 * HOUR),
  onSaleAt: new Date(Date.now() - HOUR),
});

const buyer = async () => h.callerAs(null, { request: { cartToken: (await kitCart(h)).token, admissionToken: null } });

describe("event.create / ticketType.create / event.publish", () => {
  it("creates a draft, adds a type, publishes, and a buyer can hold right after", async () => {
    const { organizationId, caller, venue } = await ownerWithVenue();
    const event = await caller.event.create(eventInput(organizationId, venue.id));
    expect(event).toMatchObject({ status: "DRAFT", seatingMode: "GENERAL_ADMISSION", currency: "EUR", holdTtlSeconds: 600 });
    await expect(caller.event.publish({ organizationId, eventId: event.id })).rejects.toMatchObject({ cause: { code: "CONFLICT" } });

    const type = await caller.ticketType.create({ organizationId, eventId: event.id, name: "Standing", capacity: 5, priceMinor: 3900 });
    expect(type.priceTiers).toMatchObject([{ name: "Regular", priceMinor: 3900, currency: "EUR" }]);
    expect((await caller.event.publish({ organizationId, eventId: event.id })).status).toBe("PUBLISHED");

    const hold = await (await buyer()).hold.create({ eventId: event.id, items: [{ ticketTypeId: type.id, quantity: 5 }] });
    expect(hold.status).toBe("ACTIVE");
    const audit = await h.db.auditLog.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["event.create", "ticket-type.create", "event.publish"]);
  });

  it("refuses a taken slug, bad dates and another organisation's venue", async () => {
    const { organizationId, caller, venue } = await ownerWithVenue();
    const first = await caller.event.create(eventInput(organizationId, venue.id));
    await expect(caller.event.create({ ...eventInput(organizationId, venue.id), slug: first.slug })).rejects.toMatchObject({
      cause: { code: "CONFLICT", details: { field: "slug" } },
    });
    const input = eventInput(organizationId, venue.id);
    await expect(caller.event.create({ ...input, endsAt: input.startsAt })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR", details: { field: "endsAt" } },
    });
    const other = await h.make.venue((await h.make.organization()).id);
    await expect(caller.event.create(eventInput(organizationId, other.id))).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    await expect(caller.event.create({ ...input, name: "x".repeat(201) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("a reserved event's ticket types", () => {
  it("event.detail lists the map's price zones; a type sells one zone; no zone or another map's zone is refused", async () => {
    const { organizationId, caller, venue } = await ownerWithVenue();
    const { seatMap, zone } = await h.make.seatMap(organizationId, venue.id);
    const back = await h.db.priceZone.create({ data: { seatMapId: seatMap.id, name: "Back", sortOrder: 1 } });
    const event = await caller.event.create({ ...eventInput(organizationId, venue.id), seatMapId: seatMap.id });
    const detail = await caller.event.detail({ organizationId, eventId: event.id });
    expect(detail).toMatchObject({
      seatingMode: "RESERVED",
      priceZones: [
        { id: zone.id, name: "Standard" },
        { id: back.id, name: "Back" },
      ],
    });

    await expect(caller.ticketType.create({ organizationId, eventId: event.id, name: "Front", capacity: null, priceMinor: 4000 })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR", details: { field: "priceZoneId" } },
    });
    const elsewhere = await h.make.seatMap(organizationId, venue.id);
    await expect(
      caller.ticketType.create({ organizationId, eventId: event.id, name: "Front", priceZoneId: elsewhere.zone.id, priceMinor: 4000 }),
    ).rejects.toMatchObject({ cause: { code: "NOT_FOUND", details: { field: "priceZoneId" } } });
    expect(await h.db.ticketType.count({ where: { eventId: event.id } })).toBe(0);

    const type = await caller.ticketType.create({ organizationId, eventId: event.id, name: "Back", capacity: null, priceZoneId: back.id, priceMinor: 3000 });
    expect(type).toMatchObject({ capacity: null, priceZoneId: back.id });
    const general = await caller.event.create(eventInput(organizationId, venue.id));
    expect((await caller.event.detail({ organizationId, eventId: general.id })).priceZones).toEqual([]);
  });
});

describe("capacity changes reach Redis at once", () => {
  it("a raised capacity can be held immediately; lowering below sold + held is CAPACITY_BELOW_SOLD and changes nothing", async () => {
    const { organizationId, caller, venue } = await ownerWithVenue();
    const event = await caller.event.create(eventInput(organizationId, venue.id));
    const type = await caller.ticketType.create({ organizationId, eventId: event.id, name: "GA", capacity: 2, priceMinor: 1000 });
    await caller.event.publish({ organizationId, eventId: event.id });
    const shopper = await buyer();
    await shopper.hold.create({ eventId: event.id, items: [{ ticketTypeId: type.id, quantity: 2 }] });
    await expect(shopper.hold.create({ eventId: event.id, items: [{ ticketTypeId: type.id, quantity: 1 }] })).rejects.toMatchObject({
      cause: { code: "SOLD_OUT" },
    });

    await caller.ticketType.update({ organizationId, ticketTypeId: type.id, capacity: 5 });
    const more = await (await buyer()).hold.create({ eventId: event.id, items: [{ ticketTypeId: type.id, quantity: 3 }] });
    expect(more.status).toBe("ACTIVE");
    expect((await shopper.availability.get({ eventId: event.id })).ticketTypes).toEqual([{ ticketTypeId: type.id, available: 0 }]);

    await expect(caller.ticketType.update({ organizationId, ticketTypeId: type.id, capacity: 4 })).rejects.toMatchObject({
      cause: { code: "CAPACITY_BELOW_SOLD", details: { minimum: 5 } },
    });
    expect((await h.db.ticketType.findUniqueOrThrow({ where: { id: type.id } })).capacity).toBe(5);
    expect((await shopper.availability.get({ eventId: event.id })).ticketTypes).toEqual([{ ticketTypeId: type.id, available: 0 }]);

    await caller.ticketType.update({ organizationId, ticketTypeId: type.id, capacity: 7 });
    expect((await shopper.availability.get({ eventId: event.id })).ticketTypes).toEqual([{ ticketTypeId: type.id, available: 2 }]);
    const change = await h.db.auditLog.findFirstOrThrow({ where: { organizationId, action: "ticket-type.capacity-change" }, orderBy: { createdAt: "desc" } });
    expect(change.data).toMatchObject({ capacity: { before: 5, after: 7 } });
  });
});

describe("price tiers, duplicate, waiting room", () => {
  it("an early-bird tier sells first in the shop; a duplicate is a draft with the types and tiers", async () => {
    const { organizationId, caller, venue } = await ownerWithVenue();
    const event = await caller.event.create(eventInput(organizationId, venue.id));
    const type = await caller.ticketType.create({ organizationId, eventId: event.id, name: "GA", capacity: 50, priceMinor: 4000 });
    const tiers = await caller.ticketType.setPriceTiers({
      organizationId,
      ticketTypeId: type.id,
      tiers: [
        { name: "Early bird", priceMinor: 2900, validUntil: new Date(Date.now() + 24 * HOUR), quantityLimit: 10 },
        { id: type.priceTiers[0]!.id, name: "Regular", priceMinor: 4000 },
      ],
    });
    expect(tiers.priceTiers.map((t) => [t.name, t.sortOrder])).toEqual([
      ["Early bird", 0],
      ["Regular", 1],
    ]);
    await caller.event.publish({ organizationId, eventId: event.id });
    const shop = await (await h.callerAs(null)).event.get({ idOrSlug: event.slug });
    expect(shop.ticketTypes[0]!.currentPriceId).toBe(tiers.priceTiers[0]!.id);

    const copy = await caller.event.duplicate({ organizationId, eventId: event.id });
    expect(copy).toMatchObject({ status: "DRAFT", name: "Spring Concert (copy)" });
    const copiedTypes = await caller.ticketType.list({ organizationId, eventId: copy.id });
    expect(copiedTypes.map((t) => [t.name, t.soldCount, t.priceTiers.map((p) => p.priceMinor)])).toEqual([["GA", 0, [2900, 4000]]]);

    await caller.event.setWaitingRoom({
      organizationId,
      eventId: event.id,
      enabled: true,
      opensAt: null,
      overbookPct: 120,
      admitPerMinute: 300,
      admissionTtlSeconds: 300,
    });
    expect((await caller.event.detail({ organizationId, eventId: event.id })).waitingRoom).toMatchObject({
      enabled: true,
      overbookPct: 120,
      admitPerMinute: 300,
    });
  });
});

describe("tenants and roles", () => {
  it("refuses another organisation's ids (NOT_FOUND, nothing changed) and weaker roles (FORBIDDEN)", async () => {
    const a = await ownerWithVenue();
    const b = await ownerWithVenue();
    const event = await b.caller.event.create(eventInput(b.organizationId, b.venue.id));
    const type = await b.caller.ticketType.create({ organizationId: b.organizationId, eventId: event.id, name: "GA", capacity: 5, priceMinor: 1000 });
    const voucher = await b.caller.voucher.create({
      organizationId: b.organizationId,
      eventId: event.id,
      code: `B-${Date.now()}`,
      kind: "PERCENT",
      amount: 1000,
    });
    const org = a.organizationId;
    const notFound = { cause: { code: "NOT_FOUND" } };
    await expect(a.caller.event.detail({ organizationId: org, eventId: event.id })).rejects.toMatchObject(notFound);
    await expect(a.caller.event.update({ organizationId: org, eventId: event.id, name: "Mine" })).rejects.toMatchObject(notFound);
    await expect(a.caller.event.duplicate({ organizationId: org, eventId: event.id })).rejects.toMatchObject(notFound);
    await expect(a.caller.event.publish({ organizationId: org, eventId: event.id })).rejects.toMatchObject(notFound);
    await expect(a.caller.event.unpublish({ organizationId: org, eventId: event.id })).rejects.toMatchObject(notFound);
    await expect(a.caller.event.cancel({ organizationId: org, eventId: event.id, reason: "x" })).rejects.toMatchObject(notFound);
    const room = { organizationId: org, eventId: event.id, enabled: true, opensAt: null, overbookPct: 100, admitPerMinute: null, admissionTtlSeconds: 300 };
    await expect(a.caller.event.setWaitingRoom(room)).rejects.toMatchObject(notFound);
    await expect(a.caller.ticketType.list({ organizationId: org, eventId: event.id })).rejects.toMatchObject(notFound);
    await expect(a.caller.ticketType.create({ organizationId: org, eventId: event.id, name: "X", capacity: 1, priceMinor: 1 })).rejects.toMatchObject(notFound);
    await expect(a.caller.ticketType.update({ organizationId: org, ticketTypeId: type.id, capacity: 100 })).rejects.toMatchObject(notFound);
    await expect(a.caller.ticketType.archive({ organizationId: org, ticketTypeId: type.id })).rejects.toMatchObject(notFound);
    await expect(
      a.caller.ticketType.setPriceTiers({ organizationId: org, ticketTypeId: type.id, tiers: [{ name: "Free", priceMinor: 0 }] }),
    ).rejects.toMatchObject(notFound);
    await expect(a.caller.voucher.list({ organizationId: org, eventId: event.id })).rejects.toMatchObject(notFound);
    await expect(a.caller.voucher.create({ organizationId: org, eventId: event.id, code: "STEAL", kind: "FIXED", amount: 1 })).rejects.toMatchObject(notFound);
    await expect(a.caller.voucher.generate({ organizationId: org, eventId: event.id, prefix: "X", count: 2, kind: "FIXED", amount: 1 })).rejects.toMatchObject(
      notFound,
    );
    await expect(a.caller.voucher.setActive({ organizationId: org, voucherId: voucher.id, active: false })).rejects.toMatchObject(notFound);
    // B's organisation id with A's session: FORBIDDEN.
    await expect(a.caller.event.detail({ organizationId: b.organizationId, eventId: event.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await h.db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ name: "Spring Concert", status: "DRAFT" });
    expect(await h.db.ticketType.findUniqueOrThrow({ where: { id: type.id } })).toMatchObject({ capacity: 5, active: true });
    expect(await h.db.voucher.findUniqueOrThrow({ where: { id: voucher.id } })).toMatchObject({ active: true });

    for (const role of ["BOX_OFFICE", "SUPPORT_AGENT", "DOOR_STAFF"] as const) {
      const member = await h.make.member(b.organizationId, role);
      const weak = await h.callerAs(member.id, { app: "admin" });
      const o = b.organizationId;
      const forbidden = { code: "FORBIDDEN" };
      await expect(weak.event.create(eventInput(o, b.venue.id))).rejects.toMatchObject(forbidden);
      await expect(weak.event.update({ organizationId: o, eventId: event.id, name: "Weak" })).rejects.toMatchObject(forbidden);
      await expect(weak.event.publish({ organizationId: o, eventId: event.id })).rejects.toMatchObject(forbidden);
      await expect(weak.event.cancel({ organizationId: o, eventId: event.id, reason: "x" })).rejects.toMatchObject(forbidden);
      await expect(weak.event.duplicate({ organizationId: o, eventId: event.id })).rejects.toMatchObject(forbidden);
      await expect(weak.event.setWaitingRoom({ ...room, organizationId: o })).rejects.toMatchObject(forbidden);
      await expect(weak.ticketType.update({ organizationId: o, ticketTypeId: type.id, capacity: 9 })).rejects.toMatchObject(forbidden);
      await expect(weak.ticketType.setPriceTiers({ organizationId: o, ticketTypeId: type.id, tiers: [{ name: "Free", priceMinor: 0 }] })).rejects.toMatchObject(
        forbidden,
      );
      await expect(weak.voucher.create({ organizationId: o, eventId: event.id, code: "WEAK1", kind: "FIXED", amount: 1 })).rejects.toMatchObject(forbidden);
      await expect(weak.voucher.generate({ organizationId: o, eventId: event.id, prefix: "W", count: 1, kind: "FIXED", amount: 1 })).rejects.toMatchObject(
        forbidden,
      );
      if (role === "DOOR_STAFF") await expect(weak.event.detail({ organizationId: o, eventId: event.id })).rejects.toMatchObject(forbidden);
      else expect((await weak.event.detail({ organizationId: o, eventId: event.id })).id).toBe(event.id);
    }
    expect(await h.db.ticketType.findUniqueOrThrow({ where: { id: type.id } })).toMatchObject({ capacity: 5 });
  });
});

describe("event content: German texts and the image description through event.update", () => {
  it("stores bounded translations the shop shows in German, audited; refuses bad ones, other organisations and weaker roles", async () => {
    const { organizationId, caller, venue } = await ownerWithVenue();
    const event = await caller.event.create({ ...eventInput(organizationId, venue.id), description: "An evening of songs." });
    await caller.ticketType.create({ organizationId, eventId: event.id, name: "Standing", capacity: 5, priceMinor: 3900 });
    await caller.event.publish({ organizationId, eventId: event.id });
    const de = { name: "Frühlingskonzert", description: "Ein Abend voller Lieder.", imageAlt: "Die Band auf der Bühne" };
    await caller.event.update({ organizationId, eventId: event.id, translations: { de } });
    const detail = await caller.event.detail({ organizationId, eventId: event.id });
    expect(detail.translations).toEqual({ de });
    const shop = await h.callerAs(null);
    expect(await shop.event.get({ idOrSlug: event.slug, locale: "de" })).toMatchObject({ name: "Frühlingskonzert", description: "Ein Abend voller Lieder." });
    expect(await shop.event.get({ idOrSlug: event.slug, locale: "en" })).toMatchObject({ name: "Spring Concert", description: "An evening of songs." });
    const entry = await h.db.auditLog.findFirstOrThrow({ where: { targetId: event.id, action: "event.update" } });
    expect(entry.data).toEqual({ translations: { before: {}, after: { de } } });

    const bad = [
      { de: { name: "x".repeat(201) } },
      { de: { imageAlt: "x".repeat(301) } },
      { de: { venueNotes: "x".repeat(2_001) } },
      { de: { name: "Frühling", slogan: "unknown field" } },
      { fr: { name: "Concert de printemps" } },
    ];
    for (const translations of bad) {
      await expect(caller.event.update({ organizationId, eventId: event.id, translations } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    const b = await ownerWithVenue();
    await expect(
      b.caller.event.update({ organizationId: b.organizationId, eventId: event.id, translations: { de: { name: "Gestohlen" } } }),
    ).rejects.toMatchObject({
      cause: { code: "NOT_FOUND" },
    });
    const box = await h.make.member(organizationId, "BOX_OFFICE");
    const weak = await h.callerAs(box.id, { app: "admin" });
    await expect(weak.event.update({ organizationId, eventId: event.id, translations: { de: { name: "Schwach" } } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await h.db.event.findUniqueOrThrow({ where: { id: event.id } })).translations).toEqual({ de });
  });

  it("keeps an image's description: it may change, never to empty while the image is set", async () => {
    const { organizationId, caller, venue } = await ownerWithVenue();
    const event = await caller.event.create(eventInput(organizationId, venue.id));
    await caller.event.update({ organizationId, eventId: event.id, imageAlt: "" });
    await h.db.event.update({
      where: { id: event.id },
      data: { imageKey: `images/events/${organizationId}/abc`, imageWidth: 800, imageHeight: 400, imageAlt: "A stage" },
    });
    await expect(caller.event.update({ organizationId, eventId: event.id, imageAlt: "  " })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR", details: { field: "imageAlt" } },
    });
    await caller.event.update({ organizationId, eventId: event.id, imageAlt: " The stage at dusk " });
    expect((await caller.event.detail({ organizationId, eventId: event.id })).image).toMatchObject({ alt: "The stage at dusk", width: 800 });
  });
});
