// The seat map spec's own organiser, venue and events, made with @marquee/db's factories in the
// run's database (the demo organisation's maps are left alone: other specs rely on the theatre).
import { createDb, type Db } from "@marquee/db";
import { TEST_PASSWORD, createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 2 }));

export async function closeSeatMapData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

const HOUR = 3_600_000;
const tag = () => crypto.randomUUID().slice(0, 8);

/** An organisation with an owner (TEST_PASSWORD) and one venue. */
export async function createOrganiser() {
  const make = createFactories(database());
  const organization = await make.organization();
  const email = `seat-maps-${tag()}@example.test`;
  await make.member(organization.id, "OWNER", { email, name: "Sam Seatmaps" });
  const venue = await make.venue(organization.id, { name: `Harbour Hall ${tag()}` });
  return { organizationId: organization.id, venueId: venue.id, email, password: TEST_PASSWORD };
}

/** A published reserved-seating event on sale now on the map, one priced ticket type per zone; answers its slug. */
export async function createEventOnMap(organizationId: string, seatMapId: string) {
  const make = createFactories(database());
  const map = await database().seatMap.findUniqueOrThrow({ where: { id: seatMapId }, include: { priceZones: { orderBy: { sortOrder: "asc" } } } });
  const name = `Drawn Map Night ${tag()}`;
  const now = Date.now();
  const event = await make.event(organizationId, map.venueId, {
    name,
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    seatingMode: "RESERVED",
    seatMapId,
    startsAt: new Date(now + 30 * 24 * HOUR),
    endsAt: new Date(now + 30 * 24 * HOUR + 2 * HOUR),
    onSaleAt: new Date(now - HOUR),
  });
  for (const [index, zone] of map.priceZones.entries())
    await make.ticketType(event.id, { name: zone.name, capacity: null, priceZoneId: zone.id, sortOrder: index }, 4000 - index * 1000);
  return { slug: event.slug };
}
