import { randomBytes } from "node:crypto";
import type { Db } from "../client.ts";
import { hashPassword } from "../crypto/password.ts";
import { generateSigningKey } from "../crypto/signing-key.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { TeamRole } from "../generated/prisma/enums.ts";

// Factories make unique data on every call, so tests share one database and run in parallel
// without cleaning up after each other.

export const TEST_PASSWORD = "correct horse battery staple";
export const TEST_TICKET_KEY_SECRET = "test-ticket-key-secret-0123456789";

export const uniqueSuffix = (): string => `${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;

const HOUR = 60 * 60 * 1000;
let cachedPasswordHash: Promise<string> | undefined;

export function createFactories(db: Db) {
  const factories = {
    async user(overrides: Partial<Prisma.UserUncheckedCreateInput> = {}) {
      cachedPasswordHash ??= hashPassword(TEST_PASSWORD);
      return db.user.create({
        data: {
          email: `user-${uniqueSuffix()}@example.test`,
          name: "Test User",
          passwordHash: await cachedPasswordHash,
          emailVerifiedAt: new Date(),
          ...overrides,
        },
      });
    },

    async organization(overrides: Partial<Prisma.OrganizationUncheckedCreateInput> = {}) {
      const suffix = uniqueSuffix();
      return db.organization.create({ data: { slug: `org-${suffix}`, name: `Organisation ${suffix}`, invoiceSequence: { create: {} }, ...overrides } });
    },

    /** A user who is a member of the organisation with the given team role. */
    async member(organizationId: string, role: TeamRole, overrides: Partial<Prisma.UserUncheckedCreateInput> = {}) {
      const user = await factories.user(overrides);
      await db.membership.create({ data: { userId: user.id, organizationId, role } });
      return user;
    },

    async venue(organizationId: string, overrides: Partial<Prisma.VenueUncheckedCreateInput> = {}) {
      return db.venue.create({ data: { organizationId, name: `Venue ${uniqueSuffix()}`, city: "Berlin", country: "DE", ...overrides } });
    },

    /** A seat map with one price zone and `rows` x `seatsPerRow` seats in one section. */
    async seatMap(organizationId: string, venueId: string, { rows = 2, seatsPerRow = 5 } = {}) {
      const seatMap = await db.seatMap.create({ data: { organizationId, venueId, name: `Map ${uniqueSuffix()}` } });
      const zone = await db.priceZone.create({ data: { seatMapId: seatMap.id, name: "Standard" } });
      const section = await db.section.create({ data: { seatMapId: seatMap.id, name: "Stalls" } });
      for (let r = 0; r < rows; r++) {
        const row = await db.seatRow.create({ data: { sectionId: section.id, label: String.fromCharCode(65 + r), sortOrder: r } });
        await db.seat.createMany({
          data: Array.from({ length: seatsPerRow }, (_, s) => ({
            seatMapId: seatMap.id,
            sectionId: section.id,
            rowId: row.id,
            priceZoneId: zone.id,
            label: String(s + 1),
            x: s * 20,
            y: r * 20,
          })),
        });
      }
      return { seatMap, zone, section };
    },

    /** A published event on sale now, with an active signing key. */
    async event(organizationId: string, venueId: string, overrides: Partial<Prisma.EventUncheckedCreateInput> = {}) {
      const now = Date.now();
      const event = await db.event.create({
        data: {
          organizationId,
          venueId,
          slug: `event-${uniqueSuffix()}`,
          name: "Test Event",
          currency: "EUR",
          status: "PUBLISHED",
          startsAt: new Date(now + 24 * HOUR),
          endsAt: new Date(now + 27 * HOUR),
          onSaleAt: new Date(now - HOUR),
          ...overrides,
        },
      });
      await db.eventSigningKey.create({ data: { eventId: event.id, ...generateSigningKey(TEST_TICKET_KEY_SECRET) } });
      return event;
    },

    async ticketType(eventId: string, overrides: Partial<Prisma.TicketTypeUncheckedCreateInput> = {}, priceMinor = 2500) {
      return db.ticketType.create({
        data: {
          eventId,
          name: `Type ${uniqueSuffix()}`,
          capacity: 100,
          ...overrides,
          priceTiers: { create: { name: "Regular", priceMinor, currency: "EUR" } },
        },
        include: { priceTiers: true },
      });
    },

    /** Organisation + venue + published GA event with one ticket type: the common starting point. */
    async gaEvent({ capacity = 100, priceMinor = 2500, event: eventOverrides = {} as Partial<Prisma.EventUncheckedCreateInput> } = {}) {
      const organization = await factories.organization();
      const venue = await factories.venue(organization.id);
      const event = await factories.event(organization.id, venue.id, eventOverrides);
      const ticketType = await factories.ticketType(event.id, { capacity }, priceMinor);
      return { organization, venue, event, ticketType };
    },

    async cart(overrides: Partial<Prisma.CartUncheckedCreateInput> = {}) {
      return db.cart.create({ data: { tokenHash: randomBytes(32).toString("hex"), expiresAt: new Date(Date.now() + HOUR), ...overrides } });
    },
  };
  return factories;
}

export type Factories = ReturnType<typeof createFactories>;
