// Organisers of the console specs' own, made with @marquee/db's factories in the run's database:
// an organisation with one venue and its owner (never Demo Productions: its events and counts are
// checked by admin.spec.ts), and, for the cancellation, a published event on sale now.
import { createDb, type Db } from "@marquee/db";
import { TEST_PASSWORD, createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 2 }));

export async function closeConsoleData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

const HOUR = 3_600_000;
const tag = () => crypto.randomUUID().slice(0, 6);

/** An organisation with one venue (a unique name) and its owner, who signs in with TEST_PASSWORD. */
export async function createOrganiser(name: string) {
  const make = createFactories(database());
  const suffix = tag();
  const organization = await make.organization({ name: `${name} ${suffix}` });
  const venue = await make.venue(organization.id, { name: `Hall ${suffix}`, city: "Berlin" });
  const email = `owner-${suffix}@example.test`;
  await make.member(organization.id, "OWNER", { email, name: `Owner ${suffix}` });
  return { organizationId: organization.id, organizationName: organization.name, venueName: venue.name, email, password: TEST_PASSWORD };
}

/**
 * A published GA event of the organisation on sale now, with one "Standing" type at 25.00 (200 of
 * them unless `capacity` says otherwise); `waitingListOfferMinutes` turns the waiting list on.
 */
export async function createOnSaleEvent(organizationId: string, name: string, options: { capacity?: number; waitingListOfferMinutes?: number } = {}) {
  const make = createFactories(database());
  const venue = await make.venue(organizationId);
  const fullName = `${name} ${tag()}`;
  const now = Date.now();
  const event = await make.event(organizationId, venue.id, {
    name: fullName,
    slug: fullName.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    description: `${name}: an event made by the end-to-end tests.`,
    startsAt: new Date(now + 20 * 24 * HOUR),
    endsAt: new Date(now + 20 * 24 * HOUR + 3 * HOUR),
    onSaleAt: new Date(now - HOUR),
    maxPerOrder: 4,
    ...(options.waitingListOfferMinutes === undefined ? {} : { waitingListEnabled: true, waitingListOfferMinutes: options.waitingListOfferMinutes }),
  });
  await make.ticketType(event.id, { name: "Standing", capacity: options.capacity ?? 200 }, 2500);
  return { id: event.id, organizationId, name: fullName, slug: event.slug };
}

/** The event's orders (id, status, buyer), newest first. */
export const ordersOfEvent = (eventId: string) =>
  database().order.findMany({ where: { eventId }, orderBy: { createdAt: "desc" }, select: { id: true, status: true, buyerEmail: true } });

/** The entry of an address on the event's waiting list. */
export const waitingListEntryOf = (eventId: string, email: string) =>
  database().waitingListEntry.findUnique({ where: { eventId_email: { eventId, email } }, select: { status: true, holdId: true, orderId: true } });

/** An event's orders as the database holds them (status and total), for the checks after the browser's part. */
export async function ordersOf(eventId: string) {
  return database().order.findMany({ where: { eventId }, select: { status: true, subtotalMinor: true, discountMinor: true, totalMinor: true } });
}

/**
 * A closed order of one Standing ticket (cancelled or expired, never paid: a paid order without
 * tickets would send the reconciler after its documents), placed at `createdAt` through `channel`.
 */
export async function createClosedOrder(
  event: { id: string; organizationId: string },
  order: { buyerName: string; status: "CANCELLED" | "EXPIRED"; channel: "ONLINE" | "BOX_OFFICE"; createdAt: Date },
) {
  const ticketType = await database().ticketType.findFirstOrThrow({ where: { eventId: event.id }, select: { id: true } });
  const reference = `MQ-E2E-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
  await database().order.create({
    data: {
      ...order,
      reference,
      organizationId: event.organizationId,
      eventId: event.id,
      buyerEmail: `${order.buyerName.toLowerCase().replace(/[^a-z]+/g, ".")}@example.test`,
      currency: "EUR",
      subtotalMinor: 2500,
      totalMinor: 2500,
      cancelledAt: order.status === "CANCELLED" ? order.createdAt : null,
      lines: { create: [{ eventId: event.id, ticketTypeId: ticketType.id, quantity: 1, unitPriceMinor: 2500, totalMinor: 2500 }] },
    },
  });
  return reference;
}
