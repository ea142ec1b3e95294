// Door check-in data made fast and real: an organisation with a show tonight and paid box-office
// orders whose tickets are issued by the API's own service (issueTickets: real Ed25519 codes signed
// with the event's key). Takes its database client, so the e2e specs and the check-in bench share it.
import { issueTickets } from "@marquee/api/services/tickets/issue-tickets";
import { systemClock } from "@marquee/api/clock";
import type { Db } from "@marquee/db";
import { createFactories, TEST_TICKET_KEY_SECRET, uniqueSuffix } from "@marquee/db/testing";

const HOUR = 3_600_000;
const PRICE_MINOR = 2500;
/** Tickets per order: issueTickets signs and inserts one order in one transaction. */
const TICKETS_PER_ORDER = 2_500;

export interface TCheckinTicket {
  id: string;
  orderId: string;
  eventId: string;
  shortCode: string;
  signedCode: string;
}

export interface TCheckinShow {
  id: string;
  name: string;
  ticketTypeId: string;
  /** The event's default check-in list ("All tickets", made by the database trigger). */
  listId: string;
}

/** A fresh organisation (no other spec's devices or scans) and its venue. */
export async function createCheckinOrganization(db: Db, label: string) {
  const make = createFactories(db);
  const organization = await make.organization({ name: `${label} ${uniqueSuffix().slice(-6)}` });
  const venue = await make.venue(organization.id, { name: "Riverside Hall" });
  return { organizationId: organization.id, venueId: venue.id };
}

/** A published show whose doors open within the hour: its codes are valid at the door now. */
export async function createCheckinShow(db: Db, owner: { organizationId: string; venueId: string }, name: string): Promise<TCheckinShow> {
  const make = createFactories(db);
  const now = Date.now();
  const event = await make.event(owner.organizationId, owner.venueId, {
    name: `${name} ${uniqueSuffix().slice(-6)}`,
    doorsAt: new Date(now + HOUR),
    startsAt: new Date(now + 2 * HOUR),
    endsAt: new Date(now + 5 * HOUR),
  });
  const ticketType = await make.ticketType(event.id, { name: "Standing", capacity: null }, PRICE_MINOR);
  const list = await db.checkinList.findFirstOrThrow({ where: { eventId: event.id }, orderBy: { createdAt: "asc" } });
  return { id: event.id, name: event.name, ticketTypeId: ticketType.id, listId: list.id };
}

/** `count` valid tickets of the show, in paid cash orders of up to 2,500 (refundable without Stripe). */
export async function issueCheckinTickets(db: Db, show: TCheckinShow, count: number): Promise<TCheckinTicket[]> {
  const event = await db.event.findUniqueOrThrow({ where: { id: show.id }, select: { organizationId: true } });
  const tickets: TCheckinTicket[] = [];
  for (let issued = 0; issued < count; issued += TICKETS_PER_ORDER) {
    const quantity = Math.min(TICKETS_PER_ORDER, count - issued);
    const totalMinor = quantity * PRICE_MINOR;
    const order = await db.order.create({
      data: {
        reference: `MQ-CHK-${uniqueSuffix().toUpperCase()}`,
        organizationId: event.organizationId,
        eventId: show.id,
        status: "PAID",
        channel: "BOX_OFFICE",
        buyerName: `Door Guest ${issued / TICKETS_PER_ORDER + 1}`,
        buyerEmail: `door-guest-${uniqueSuffix()}@example.test`,
        currency: "EUR",
        subtotalMinor: totalMinor,
        totalMinor,
        paidAt: new Date(),
        lines: { create: { eventId: show.id, ticketTypeId: show.ticketTypeId, quantity, unitPriceMinor: PRICE_MINOR, totalMinor } },
        payments: { create: { provider: "cash", status: "CAPTURED", amountMinor: totalMinor, capturedMinor: totalMinor, currency: "EUR" } },
      },
    });
    await db.ticketType.update({ where: { id: show.ticketTypeId }, data: { soldCount: { increment: quantity } } });
    const result = await issueTickets({ db, clock: systemClock, ticketKeySecret: TEST_TICKET_KEY_SECRET }, { orderId: order.id });
    tickets.push(
      ...result.tickets.map((ticket) => ({ id: ticket.id, orderId: order.id, eventId: show.id, shortCode: ticket.shortCode, signedCode: ticket.signedCode })),
    );
  }
  return tickets;
}

/** Revokes tickets as a completed refund does (status, time, reason): they are on the event's revocation list from then on. */
export async function revokeCheckinTickets(db: Db, ticketIds: string[]): Promise<void> {
  await db.ticket.updateMany({ where: { id: { in: ticketIds } }, data: { status: "REVOKED", revokedAt: new Date(), revokeReason: "refunded: e2e" } });
}

/**
 * A code with a valid shape whose signature does not hold: one character of the signature part
 * changed (the last character may only carry padding bits, so the one before it).
 */
export function forgeTicketCode(code: string): string {
  const index = code.length - 2;
  const replacement = code[index] === "A" ? "B" : "A";
  return `${code.slice(0, index)}${replacement}${code.slice(index + 1)}`;
}
