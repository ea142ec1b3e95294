// The demand-pricing spec's own organisation: an owner, a GA event on sale ("Standing", 500 at
// 25.00) with last Friday's sales for the simulation, and paid orders "now" whose order.paid
// goes through the outbox to the analytics worker (the real recompute path).
import { makePaidOrder } from "@marquee/api/services/dashboard/dashboard-test-kit";
import { writeOutbox } from "@marquee/api/services/outbox/write-outbox";
import { lastFriday } from "@marquee/api/services/pricing/simulate-pricing";
import { createDb, type Db } from "@marquee/db";
import { TEST_PASSWORD, createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 1 }));

export async function closePricingData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

const HOUR = 3_600_000;

export async function createPricingOrganization() {
  const make = createFactories(database());
  const tag = crypto.randomUUID().slice(0, 6);
  const organization = await make.organization({ name: `Pricing ${tag}` });
  const owner = await make.member(organization.id, "OWNER", { name: "Pia Pricing", email: `pricing-owner-${tag}@example.test` });
  const venue = await make.venue(organization.id);
  const now = Date.now();
  const event = await make.event(organization.id, venue.id, {
    name: `Demand Night ${tag}`,
    slug: `demand-night-${tag}`,
    startsAt: new Date(now + 30 * 24 * HOUR),
    endsAt: new Date(now + 30 * 24 * HOUR + 3 * HOUR),
    onSaleAt: new Date(now - 30 * 24 * HOUR),
  });
  const ticketType = await make.ticketType(event.id, { name: "Standing", capacity: 500 }, 2500);
  // Last Friday: a few sales in the afternoon, a rush at 19:00.
  const friday = lastFriday(new Date(now));
  for (const [time, quantity] of [
    ["15:10", 1],
    ["16:40", 2],
    ...Array.from({ length: 12 }, (_, i) => [`19:${String(i).padStart(2, "0")}`, 4] as const),
    ["21:30", 1],
  ] as const) {
    await makePaidOrder(database(), event, new Date(`${friday}T${time}:20Z`), [{ ticketTypeId: ticketType.id, quantity, unitPriceMinor: 2500 }]);
  }
  return {
    organizationId: organization.id,
    owner: { email: owner.email, password: TEST_PASSWORD },
    event: { id: event.id, organizationId: organization.id, name: event.name, slug: event.slug },
    ticketType: { id: ticketType.id, name: ticketType.name },
  };
}

/** A burst of paid orders now, each announced as order.paid through the outbox (as checkout's saga does). */
export async function sellBurst(event: { id: string; organizationId: string }, ticketTypeId: string, orders: number, perOrder: number): Promise<void> {
  for (let i = 0; i < orders; i++) {
    const { order } = await makePaidOrder(database(), event, new Date(), [{ ticketTypeId, quantity: perOrder, unitPriceMinor: 2500 }]);
    await database().$transaction((tx) =>
      writeOutbox(tx, { topic: "order.paid", aggregateType: "order", aggregateId: order.id, payload: { orderId: order.id } }),
    );
  }
}

/** The type's price versions, oldest first. */
export async function priceVersionsOf(ticketTypeId: string) {
  return database().priceVersion.findMany({ where: { ticketTypeId }, orderBy: { version: "asc" }, select: { version: true, priceMinor: true, reason: true } });
}
