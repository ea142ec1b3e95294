// Events of a spec's own in the run's database, made with @marquee/db's factories: the buyer
// flows need states the demo data does not have (a flash sale whose waiting room is admitting
// now, a hold that expires within seconds, a seat map no other spec touches).
import { createDb, type Db } from "@marquee/db";
import { createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 2 }));

export async function closeShopData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

const HOUR = 3_600_000;
const tag = () => crypto.randomUUID().slice(0, 6);

interface TShopEventOptions {
  name: string;
  holdTtlSeconds?: number;
  waitingRoom?: boolean;
  reservedSeats?: { rows: number; seatsPerRow: number };
  /** The sale starts this many seconds from now (default: it started an hour ago). */
  onSaleInSeconds?: number;
  /** How long a waiting-room admission lasts (default: the schema's). */
  admissionTtlSeconds?: number;
}

/** A published event on sale now (GA with two ticket types, or reserved on a small map); answers its name and slug. */
export async function createShopEvent(options: TShopEventOptions) {
  const make = createFactories(database());
  const organization = await make.organization();
  const venue = await make.venue(organization.id);
  const name = `${options.name} ${tag()}`;
  const now = Date.now();
  const seats = options.reservedSeats ? await make.seatMap(organization.id, venue.id, options.reservedSeats) : null;
  const event = await make.event(organization.id, venue.id, {
    name,
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    description: `${options.name}: an event made by the end-to-end tests.`,
    startsAt: new Date(now + 20 * 24 * HOUR),
    endsAt: new Date(now + 20 * 24 * HOUR + 3 * HOUR),
    onSaleAt: new Date(options.onSaleInSeconds === undefined ? now - HOUR : now + options.onSaleInSeconds * 1000),
    holdTtlSeconds: options.holdTtlSeconds ?? 600,
    maxPerOrder: 4,
    ...(options.waitingRoom ? { waitingRoomEnabled: true, waitingRoomOpensAt: new Date(now - 2 * HOUR), waitingRoomAdmitPerMinute: 600 } : {}),
    ...(options.admissionTtlSeconds ? { admissionTtlSeconds: options.admissionTtlSeconds } : {}),
    ...(seats ? { seatingMode: "RESERVED" as const, seatMapId: seats.seatMap.id } : {}),
  });
  if (seats) await make.ticketType(event.id, { name: "Standard", capacity: null, priceZoneId: seats.zone.id }, 3500);
  else await make.ticketType(event.id, { name: "Standing", capacity: 200 }, 2500);
  return { id: event.id, name, slug: event.slug };
}

/** The e-mails the stack's SMTP catcher holds for one address (newest first). */
export async function mailsTo(
  mailHttpPort: number,
  address: string,
): Promise<{ id: string; subject: string; text: string | null; attachments?: { filename: string; contentType: string }[] }[]> {
  const response = await fetch(`http://127.0.0.1:${mailHttpPort}/messages?to=${encodeURIComponent(address)}`);
  return (await response.json()) as { id: string; subject: string; text: string | null }[];
}

/** What the database holds for an event's sales: orders by status, payments, and Stripe intents. */
export async function salesOf(eventId: string) {
  const orders = await database().order.findMany({
    where: { eventId },
    select: { id: true, status: true, payments: { select: { providerPaymentId: true, status: true } } },
  });
  return {
    orders: orders.map((order) => order.status),
    payments: orders.flatMap((order) => order.payments),
  };
}

/** A support agent's answer, as the help inbox will post it (the console comes later). */
export async function answerAsAgent(conversationId: string, body: string): Promise<void> {
  const { addAgentReply } = await import("@marquee/api/services/support/add-agent-reply");
  const agent = await createFactories(database()).user({ name: "Grace Hopper" });
  await addAgentReply(database(), { conversationId, agentId: agent.id, body, internal: false });
}
