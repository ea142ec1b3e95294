// The dashboard spec's own organisation (an owner with the factories' password and an event on
// sale now), so the figures it checks start at zero and no other spec sells into them.
import { createDb, type Db } from "@marquee/db";
import { TEST_PASSWORD, createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 1 }));

export async function closeDashboardData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

const HOUR = 3_600_000;

/** An organisation with an owner and a published GA event on sale (one "Standing" type, 200 at 25.00). */
export async function createDashboardOrganization() {
  const make = createFactories(database());
  const tag = crypto.randomUUID().slice(0, 6);
  const organization = await make.organization({ name: `Dashboard Live ${tag}` });
  const owner = await make.member(organization.id, "OWNER", { name: "Dora Dashboard", email: `dashboard-owner-${tag}@example.test` });
  const venue = await make.venue(organization.id);
  const now = Date.now();
  const name = `Live Sales Night ${tag}`;
  const event = await make.event(organization.id, venue.id, {
    name,
    slug: `live-sales-night-${tag}`,
    startsAt: new Date(now + 30 * 24 * HOUR),
    endsAt: new Date(now + 30 * 24 * HOUR + 3 * HOUR),
    onSaleAt: new Date(now - HOUR),
    maxPerOrder: 4,
  });
  await make.ticketType(event.id, { name: "Standing", capacity: 200 }, 2500);
  return { organizationId: organization.id, owner: { email: owner.email, password: TEST_PASSWORD }, event: { id: event.id, name, slug: event.slug } };
}

/** When the event's one paid order was paid (null until it is). */
export async function paidAtOf(eventId: string): Promise<Date | null> {
  const order = await database().order.findFirst({ where: { eventId, status: "PAID" }, select: { paidAt: true } });
  return order?.paidAt ?? null;
}
