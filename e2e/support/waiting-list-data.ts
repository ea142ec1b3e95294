// The waiting-list spec's event, made with @marquee/db's factories in the run's database: one
// general-admission type with a single ticket, the waiting list on, owned by the spec's organiser.
import { createDb, type Db } from "@marquee/db";
import { createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 2 }));

export async function closeWaitingListData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

const HOUR = 3_600_000;

/** A published event on sale now with one "Standing" ticket at 25.00 and its waiting list on (offers valid 30 minutes). */
export async function createWaitingListEvent(organizationId: string, name: string) {
  const make = createFactories(database());
  const venue = await make.venue(organizationId);
  const fullName = `${name} ${crypto.randomUUID().slice(0, 6)}`;
  const now = Date.now();
  const event = await make.event(organizationId, venue.id, {
    name: fullName,
    slug: fullName.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    description: `${name}: an event made by the end-to-end tests.`,
    startsAt: new Date(now + 20 * 24 * HOUR),
    endsAt: new Date(now + 20 * 24 * HOUR + 3 * HOUR),
    onSaleAt: new Date(now - HOUR),
    maxPerOrder: 4,
    waitingListEnabled: true,
    waitingListOfferMinutes: 30,
  });
  await make.ticketType(event.id, { name: "Standing", capacity: 1 }, 2500);
  return { id: event.id, name: fullName, slug: event.slug };
}

/** The event's orders (id, status, buyer), newest first. */
export const ordersOfEvent = (eventId: string) =>
  database().order.findMany({ where: { eventId }, orderBy: { createdAt: "desc" }, select: { id: true, status: true, buyerEmail: true } });

/** The entry of an address on the event's list. */
export const waitingListEntryOf = (eventId: string, email: string) =>
  database().waitingListEntry.findUnique({ where: { eventId_email: { eventId, email } }, select: { status: true, holdId: true, orderId: true } });
