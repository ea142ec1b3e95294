import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { restClient } from "../../testing/rest-client.ts";
import { loadInvoiceOrder } from "../invoice/build-invoice-snapshot.ts";
import { issueTickets } from "../tickets/issue-tickets.ts";
import { loadOrderTickets } from "../tickets/list-order-tickets.ts";
import { orderWithLines, seatedEvent, ticketDeps } from "../tickets/tickets-test-kit.ts";

const h = useHarness();

/** A published event written in English with German given for some fields, and a seated one with translated map names. */
async function bilingualEvents() {
  const { organization, venue, event, ticketType } = await h.make.gaEvent({
    event: {
      name: `Summer night ${crypto.randomUUID().slice(0, 8)}`,
      description: "An evening in the park.",
      venueNotes: "Enter by the side gate.",
      translations: { de: { name: "Sommernacht", description: "Ein Abend im Park." } },
    },
  });
  await h.db.ticketType.update({ where: { id: ticketType.id }, data: { name: "Standing", translations: { de: { name: "Stehplatz" } } } });
  const untranslated = await h.make.ticketType(event.id, { name: "Balcony", sortOrder: 1 });
  // Written in German first, with an English name only.
  const german = await h.make.event(organization.id, venue.id, {
    name: "Kammerkonzert",
    description: "Streichquartette am Abend.",
    defaultLanguage: "de",
    translations: { en: { name: "Chamber concert" } },
  });
  return { event, ticketType, untranslated, german };
}

describe("events API: organiser content in the reader's language", () => {
  it("event.get gives the requested language where it is given and the default language where not", async () => {
    const { event, untranslated, german } = await bilingualEvents();
    const caller = await h.callerAs(null);

    const de = await caller.event.get({ idOrSlug: event.slug, locale: "de" });
    expect(de).toMatchObject({ name: "Sommernacht", description: "Ein Abend im Park.", descriptionLanguage: "de", defaultLanguage: "en" });
    // Venue notes have no German: the English ones, as written.
    expect(de.venueNotes).toBe("Enter by the side gate.");
    expect(de.ticketTypes.map((type) => type.name)).toEqual(["Stehplatz", untranslated.name]);

    for (const input of [{ idOrSlug: event.slug, locale: "en" as const }, { idOrSlug: event.slug }]) {
      const en = await caller.event.get(input);
      expect(en).toMatchObject({ name: event.name, description: "An evening in the park.", descriptionLanguage: "en" });
      expect(en.ticketTypes.map((type) => type.name)).toEqual(["Standing", untranslated.name]);
    }

    // Default language German: English readers get the English name, and the German description as the fallback.
    expect(await caller.event.get({ idOrSlug: german.id, locale: "en" })).toMatchObject({
      name: "Chamber concert",
      description: "Streichquartette am Abend.",
      descriptionLanguage: "de",
      image: null,
    });
    await expect(caller.event.get({ idOrSlug: event.slug, locale: "fr" as "de" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("event.list names events in the requested language", async () => {
    const { event } = await bilingualEvents();
    const caller = await h.callerAs(null);
    const names = async (locale?: "en" | "de") => (await caller.event.list({ search: event.name, locale })).map((row) => row.name);
    expect(await names("de")).toEqual(["Sommernacht"]);
    expect(await names("en")).toEqual([event.name]);
    expect(await names()).toEqual([event.name]);
    // A German reader finds it by its German name as well.
    const germanOnly = `Sommernacht-${event.name.split(" ").at(-1)!}`;
    expect(await caller.event.list({ search: germanOnly, locale: "de" })).toEqual([]);
    await h.db.event.update({ where: { id: event.id }, data: { translations: { de: { name: germanOnly } } } });
    expect((await caller.event.list({ search: germanOnly, locale: "de" })).map((row) => row.id)).toEqual([event.id]);
    expect(await caller.event.list({ search: germanOnly, locale: "en" })).toEqual([]);
  });

  it("event.seatMap names sections, price zones and ticket types in the requested language", async () => {
    const { organization, venue } = await h.make.gaEvent();
    const { seatMap, zone, section } = await h.make.seatMap(organization.id, venue.id);
    await h.db.section.update({ where: { id: section.id }, data: { translations: { de: { name: "Parkett" } } } });
    await h.db.priceZone.update({ where: { id: zone.id }, data: { translations: { de: { name: "Normalpreis" }, fr: "junk" } } });
    const event = await h.make.event(organization.id, venue.id, { seatingMode: "RESERVED", seatMapId: seatMap.id });
    await h.make.ticketType(event.id, { name: "Seat", capacity: null, priceZoneId: zone.id, translations: { de: { name: "Sitzplatz" } } });
    const caller = await h.callerAs(null);

    const de = await caller.event.seatMap({ eventId: event.id, locale: "de" });
    expect(de.sections.map((row) => row.name)).toEqual(["Parkett"]);
    expect(de.priceZones.map((row) => [row.name, row.ticketTypes.map((type) => type.name)])).toEqual([["Normalpreis", ["Sitzplatz"]]]);
    // The cached layout serves both languages.
    const en = await caller.event.seatMap({ eventId: event.id, locale: "en" });
    expect(en.sections.map((row) => row.name)).toEqual(["Stalls"]);
    expect(en.priceZones.map((row) => [row.name, row.ticketTypes.map((type) => type.name)])).toEqual([["Standard", ["Seat"]]]);
  });

  it("REST takes ?locale= and refuses an unknown one with VALIDATION_ERROR", async () => {
    const { event } = await bilingualEvents();
    const rest = restClient(h);
    const de = await rest(`/api/v1/events/${event.slug}?locale=de`);
    expect(de.status).toBe(200);
    expect(de.body).toMatchObject({ name: "Sommernacht", description: "Ein Abend im Park.", descriptionLanguage: "de", image: null });
    const listed = await rest(`/api/v1/events?search=${encodeURIComponent(event.name)}&locale=de`);
    expect(listed.body).toMatchObject([{ name: "Sommernacht", image: null }]);
    const bad = await rest(`/api/v1/events/${event.slug}?locale=xx`);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe("VALIDATION_ERROR");
  });
});

describe("order views: ticket type and section names through the same resolver", () => {
  it("names tickets in the requested language, else in the order's language, and the invoice in the order's", async () => {
    const kit = await seatedEvent(h);
    const section = kit.seats[0]!.section;
    await h.db.section.update({ where: { id: section.id }, data: { translations: { de: { name: "Parkett" } } } });
    await h.db.ticketType.update({ where: { id: kit.gaType.id }, data: { translations: { de: { name: "Stehplatz" } } } });
    await h.db.event.update({ where: { id: kit.event.id }, data: { translations: { de: { name: "Sommernacht" } } } });
    const order = await orderWithLines(h, kit, { gaQuantity: 1 });
    await h.db.order.update({ where: { id: order.id }, data: { status: "PAID", locale: "de" } });
    await issueTickets(ticketDeps(h), { orderId: order.id });

    const names = (tickets: Awaited<ReturnType<typeof loadOrderTickets>>) => tickets.map((ticket) => [ticket.ticketTypeName, ticket.seat?.section ?? null]);
    expect(names(await loadOrderTickets(h.db, order.id, "de"))).toEqual([
      ["Stehplatz", null],
      [kit.seatedType.name, "Parkett"],
    ]);
    expect(names(await loadOrderTickets(h.db, order.id, "en"))).toEqual([
      [kit.gaType.name, null],
      [kit.seatedType.name, "Stalls"],
    ]);
    const invoiceOrder = await h.db.$transaction((tx) => loadInvoiceOrder(tx, order.id));
    expect(invoiceOrder.event.name).toBe("Sommernacht");
    expect(invoiceOrder.lines.map((line) => [line.ticketTypeName, line.seat?.section ?? null]).sort()).toEqual(
      [
        ["Stehplatz", null],
        [kit.seatedType.name, "Parkett"],
      ].sort(),
    );
  });
});
