import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";

const h = useHarness();
const DAY = 24 * 3_600_000;

/** A valid seated ticket for `seatId`, with the order and line it needs (sold-out checks count tickets). */
async function sellSeat(event: { id: string; organizationId: string }, ticketTypeId: string, seatId: string) {
  const suffix = crypto.randomUUID();
  const order = await h.db.order.create({
    data: {
      reference: `T-${suffix.slice(0, 12)}`,
      organizationId: event.organizationId,
      eventId: event.id,
      status: "PAID",
      buyerName: "B",
      buyerEmail: "b@example.test",
      currency: "EUR",
      subtotalMinor: 100,
      totalMinor: 100,
    },
  });
  const line = await h.db.orderLine.create({ data: { orderId: order.id, eventId: event.id, ticketTypeId, seatId, unitPriceMinor: 100, totalMinor: 100 } });
  const key = await h.db.eventSigningKey.findFirstOrThrow({ where: { eventId: event.id } });
  await h.db.ticket.create({
    data: {
      eventId: event.id,
      orderId: order.id,
      orderLineId: line.id,
      ticketTypeId,
      seatId,
      signingKeyId: key.id,
      shortCode: suffix.slice(0, 11),
      signedCode: suffix,
    },
  });
}

describe("event.list search and filters", () => {
  it("matches every search word against the name, the venue and the city, and filters by city, dates and seating", async () => {
    const tag = `Q${crypto.randomUUID().slice(0, 8)}`;
    const { organization } = await h.make.gaEvent();
    const hamburg = await h.db.venue.create({ data: { organizationId: organization.id, name: `${tag} Elbe Hall`, city: "Hamburg", country: "DE" } });
    const berlin = await h.make.venue(organization.id);
    const { seatMap } = await h.make.seatMap(organization.id, berlin.id, { rows: 1, seatsPerRow: 2 });
    const now = Date.now();
    const jazz = await h.make.event(organization.id, hamburg.id, {
      name: `${tag} Jazz Night`,
      startsAt: new Date(now + 2 * DAY),
      endsAt: new Date(now + 2 * DAY + 3_600_000),
    });
    const opera = await h.make.event(organization.id, berlin.id, {
      name: `${tag} Opera Gala`,
      startsAt: new Date(now + 10 * DAY),
      endsAt: new Date(now + 10 * DAY + 3_600_000),
      seatingMode: "RESERVED",
      seatMapId: seatMap.id,
    });
    const caller = await h.callerAs(null);
    const names = async (input: Parameters<typeof caller.event.list>[0]) => (await caller.event.list(input)).map((event) => event.name);

    expect(await names({ search: tag })).toEqual([jazz.name, opera.name]);
    expect(await names({ search: `${tag} hamburg` })).toEqual([jazz.name]);
    expect(await names({ search: `elbe ${tag}` })).toEqual([jazz.name]);
    expect(await names({ search: `${tag} gala berlin` })).toEqual([opera.name]);
    expect(await names({ search: `${tag} gala hamburg` })).toEqual([]);
    expect(await names({ search: tag, city: "hamburg" })).toEqual([jazz.name]);
    expect(await names({ search: tag, from: new Date(now + 5 * DAY) })).toEqual([opera.name]);
    expect(await names({ search: tag, to: new Date(now + 5 * DAY) })).toEqual([jazz.name]);
    expect(await names({ search: tag, seating: "RESERVED" })).toEqual([opera.name]);
  });

  it("says sold out when every general-admission type is sold to capacity", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 3, event: { name: `Standing ${crypto.randomUUID().slice(0, 8)}` } });
    const caller = await h.callerAs(null);
    const soldOut = async () => (await caller.event.list({ search: event.name }))[0]?.soldOut;
    await h.db.ticketType.update({ where: { id: ticketType.id }, data: { soldCount: 2 } });
    expect(await soldOut()).toBe(false);
    await h.db.ticketType.update({ where: { id: ticketType.id }, data: { soldCount: 3 } });
    expect(await soldOut()).toBe(true);
  });

  it("says sold out for a reserved event once every unblocked seat has a valid ticket", async () => {
    const { organization, venue } = await h.make.gaEvent();
    const { seatMap, zone } = await h.make.seatMap(organization.id, venue.id, { rows: 1, seatsPerRow: 3 });
    const name = `Seated ${crypto.randomUUID().slice(0, 8)}`;
    const event = await h.make.event(organization.id, venue.id, { name, seatingMode: "RESERVED", seatMapId: seatMap.id });
    const type = await h.make.ticketType(event.id, { capacity: null, priceZoneId: zone.id });
    const [first, second, third] = await h.db.seat.findMany({ where: { seatMapId: seatMap.id }, orderBy: { label: "asc" } });
    const caller = await h.callerAs(null);
    const soldOut = async () => (await caller.event.list({ search: name }))[0]!.soldOut;

    await sellSeat(event, type.id, first!.id);
    await sellSeat(event, type.id, second!.id);
    expect(await soldOut()).toBe(false);
    // A blocked seat is not for sale: the two sold seats are all there is.
    await h.db.seat.update({ where: { id: third!.id }, data: { blocked: true } });
    expect(await soldOut()).toBe(true);
  });
});

describe("event.list search through the trigram index", () => {
  it("keeps Event.searchText from the name, every language's name and the venue, also after a venue is renamed", async () => {
    const tag = `S${crypto.randomUUID().slice(0, 8)}`.toLowerCase();
    const { organization } = await h.make.gaEvent();
    const venue = await h.db.venue.create({ data: { organizationId: organization.id, name: "Harbour Hall", city: "Kiel", country: "DE" } });
    const event = await h.make.event(organization.id, venue.id, { name: `${tag} Summer Night` });
    const searchText = async () => (await h.db.event.findUniqueOrThrow({ where: { id: event.id } })).searchText;
    expect(await searchText()).toBe(`${tag} summer night harbour hall kiel`);

    await h.db.event.update({ where: { id: event.id }, data: { translations: { de: { name: "Sommernacht" } } } });
    expect(await searchText()).toContain("sommernacht");
    await h.db.venue.update({ where: { id: venue.id }, data: { name: "Fjord Arena", city: "Flensburg" } });
    expect(await searchText()).toBe(`${tag} summer night sommernacht fjord arena flensburg`);

    // The index narrows, the per-field rules decide: a word in the German name only matches a German reader.
    const caller = await h.callerAs(null);
    const names = async (search: string, locale: "en" | "de") => (await caller.event.list({ search, locale })).map((found) => found.name);
    expect(await names(`${tag} flensburg`, "en")).toEqual([event.name]);
    expect(await names(`${tag} Sommernacht`, "de")).toEqual(["Sommernacht"]);
    expect(await names(`${tag} Sommernacht`, "en")).toEqual([]);
    expect(await names(`${tag} kiel`, "en")).toEqual([]);
  });

  it("answers the search's word conditions from the trigram index (EXPLAIN)", async () => {
    // A test database holds a few hundred events, which PostgreSQL rightly reads whole: with sequential scans
    // priced out, the plan shows the words are an index condition on Event_searchText_idx (no filter over every row).
    const [, plan] = await h.db.$transaction([
      h.db.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`),
      h.db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT "id" FROM "Event" WHERE "searchText" ILIKE '%harbour%' AND "searchText" ILIKE '%night%'`,
      ),
    ]);
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toContain(`Bitmap Index Scan on "Event_searchText_idx"`);
    expect(text).toContain(`Index Cond: (("searchText" ~~* '%harbour%'::text) AND ("searchText" ~~* '%night%'::text))`);
    expect(text).not.toMatch(/Seq Scan/);
  });

  it("refuses a search longer than 100 characters with BAD_REQUEST and lists nothing", async () => {
    const caller = await h.callerAs(null);
    await expect(caller.event.list({ search: "x".repeat(101) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
