import type { Db } from "../client.ts";
import { hashPassword } from "../crypto/password.ts";
import { generateSigningKey } from "../crypto/signing-key.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { installDemoImage } from "./demo-images.ts";
import { seedDemoInbox } from "./seed-demo-inbox.ts";
import { DEMO_ORGANIZATION_SLUG, DEMO_USERS } from "./demo-users.ts";
import { PRICE_ZONES, THEATRE_TIERS, rowLabel, theatreSeats } from "./theatre-map.ts";

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

export interface SeedOptions {
  ticketKeySecret: string;
  now?: Date;
  /** The file store's directory (FILE_STORAGE_DIR): where demo images go. Without it, events get no images. */
  fileStorageDir?: string;
}

/** Creates the demo organiser, its team, venue, seat map, three events and its help inbox. Safe to run again. */
export async function seedDemo(db: Db, options: SeedOptions): Promise<{ organizationId: string }> {
  const now = options.now ?? new Date();
  const organization = await db.organization.upsert({
    where: { slug: DEMO_ORGANIZATION_SLUG },
    update: {},
    create: {
      slug: DEMO_ORGANIZATION_SLUG,
      name: "Demo Productions",
      legalName: "Demo Productions GmbH",
      address: "Uferstraße 8, 13357 Berlin, Germany",
      taxId: "DE123456789",
      supportEmail: "help@demo.marquee.test",
      currency: "EUR",
      country: "DE",
      invoiceSequence: { create: { prefix: "DP-" } },
    },
  });
  await seedTeam(db, organization.id);

  const venue =
    (await db.venue.findFirst({ where: { organizationId: organization.id, name: "Riverside Hall" } })) ??
    (await db.venue.create({
      data: { organizationId: organization.id, name: "Riverside Hall", address: "Uferstraße 8", city: "Berlin", country: "DE", capacity: 2000 },
    }));
  const seatMap = await seedTheatreMap(db, organization.id, venue.id);

  const base = { organizationId: organization.id, venueId: venue.id, currency: "EUR", status: "PUBLISHED" as const };
  const concert = await upsertEvent(db, options, {
    ...base,
    slug: "northern-lights-live",
    name: "Northern Lights — Live at Riverside",
    description: "An evening of shimmering synth-pop. Standing room, doors one hour before the show.",
    // Within the door scanner's one-week window, so the demo door-staff account has an event.
    startsAt: new Date(now.getTime() + 6 * DAY),
    endsAt: new Date(now.getTime() + 6 * DAY + 3 * 60 * MINUTE),
    doorsAt: new Date(now.getTime() + 6 * DAY - 60 * MINUTE),
    onSaleAt: new Date(now.getTime() - DAY),
    maxPerOrder: 8,
    // Self-service: names and transfers until 2 hours before; refund requests until 2 days before.
    ticketChangesCutoffHours: 2,
    refundRequestsEnabled: true,
    refundRequestCutoffDays: 2,
  });
  await upsertTicketType(db, concert.id, { name: "Standing", capacity: 1500, sortOrder: 0 }, [
    { name: "Early bird", priceMinor: 3900, quantityLimit: 300, sortOrder: 0 },
    { name: "Regular", priceMinor: 4900, sortOrder: 1 },
  ]);
  await upsertTicketType(db, concert.id, { name: "VIP balcony", capacity: 100, sortOrder: 1, maxPerOrder: 4 }, [
    { name: "Regular", priceMinor: 12900, sortOrder: 0 },
  ]);

  const theatre = await upsertEvent(db, options, {
    ...base,
    seatMapId: seatMap.id,
    seatingMode: "RESERVED",
    slug: "hamlet-reserved",
    name: "Hamlet",
    description: "Shakespeare's tragedy in a new staging. Reserved seating: pick your seats on the map.",
    startsAt: new Date(now.getTime() + 45 * DAY),
    endsAt: new Date(now.getTime() + 45 * DAY + 190 * MINUTE),
    doorsAt: new Date(now.getTime() + 45 * DAY - 45 * MINUTE),
    onSaleAt: new Date(now.getTime() - 7 * DAY),
    maxPerOrder: 10,
    ticketChangesCutoffHours: 24,
    refundRequestsEnabled: true,
    refundRequestCutoffDays: 14,
  });
  const prices: Record<string, number> = { Premium: 8900, Standard: 5900, "Restricted view": 2900 };
  for (const zone of await db.priceZone.findMany({ where: { seatMapId: seatMap.id } })) {
    await upsertTicketType(db, theatre.id, { name: zone.name, priceZoneId: zone.id, sortOrder: zone.sortOrder }, [
      { name: "Regular", priceMinor: prices[zone.name] ?? 5900, sortOrder: 0 },
    ]);
  }
  await seedDemoContent(db, options, { concert: concert.id, theatre: theatre.id, seatMap: seatMap.id });

  const flashOnSale = new Date(now.getTime() + 10 * MINUTE);
  const flash = await upsertEvent(db, options, {
    ...base,
    slug: "midnight-drop-secret-show",
    name: "Midnight Drop: Secret Show",
    description: "500 tickets, one night, lineup revealed at the door. High demand: a fair waiting room opens 15 minutes before the sale.",
    startsAt: new Date(now.getTime() + 14 * DAY),
    endsAt: new Date(now.getTime() + 14 * DAY + 4 * 60 * MINUTE),
    onSaleAt: flashOnSale,
    waitingRoomEnabled: true,
    waitingRoomOpensAt: new Date(flashOnSale.getTime() - 15 * MINUTE),
    waitingRoomOverbookPct: 110,
    waitingRoomAdmitPerMinute: 1_200,
    holdTtlSeconds: 300,
    maxPerOrder: 2,
    maxPerBuyer: 2,
    // A secret show against touting: no transfers or name changes, no refunds.
    ticketChangesEnabled: false,
    refundRequestsEnabled: false,
  });
  await upsertTicketType(db, flash.id, { name: "General admission", capacity: 500, sortOrder: 0, maxPerOrder: 2 }, [
    { name: "Regular", priceMinor: 2500, sortOrder: 0 },
  ]);
  await seedDemoInbox(db, organization.id, now);

  return { organizationId: organization.id };
}

/**
 * Images and German texts for two of the three events (the flash sale keeps neither: placeholder
 * art and English everywhere). Only filled in where the organiser has set nothing yet.
 */
async function seedDemoContent(db: Db, options: SeedOptions, ids: { concert: string; theatre: string; seatMap: string }) {
  const content = [
    { id: ids.concert, image: "northern-lights" as const, content: CONCERT_CONTENT },
    { id: ids.theatre, image: "hamlet" as const, content: THEATRE_CONTENT },
  ];
  for (const event of content) {
    const current = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { imageKey: true, translations: true } });
    const image = options.fileStorageDir && !current.imageKey ? await installDemoImage(options.fileStorageDir, event.image) : {};
    const untranslated = Object.keys(current.translations as object).length === 0;
    await db.event.update({ where: { id: event.id }, data: { ...image, ...(untranslated ? event.content : {}) } });
  }
  for (const [name, german] of Object.entries(THEATRE_NAMES_DE)) {
    const translations = { de: { name: german } };
    await db.section.updateMany({ where: { seatMapId: ids.seatMap, name, translations: { equals: {} } }, data: { translations } });
    await db.priceZone.updateMany({ where: { seatMapId: ids.seatMap, name, translations: { equals: {} } }, data: { translations } });
    await db.ticketType.updateMany({ where: { eventId: ids.theatre, name, translations: { equals: {} } }, data: { translations } });
  }
  for (const [name, german] of Object.entries(CONCERT_TYPES_DE)) {
    await db.ticketType.updateMany({ where: { eventId: ids.concert, name, translations: { equals: {} } }, data: { translations: { de: { name: german } } } });
  }
}

const CONCERT_CONTENT = {
  venueNotes: "Step-free entrance on Uferstraße; the cloakroom is in the foyer.",
  imageAlt: "Green and violet northern lights over dark hills and a small lit stage.",
  translations: {
    de: {
      description: "Ein Abend voller schimmerndem Synthpop. Stehplätze, Einlass eine Stunde vor der Show.",
      venueNotes: "Stufenloser Eingang an der Uferstraße; die Garderobe ist im Foyer.",
      imageAlt: "Grünes und violettes Nordlicht über dunklen Hügeln und einer kleinen beleuchteten Bühne.",
    },
  },
};
const CONCERT_TYPES_DE: Record<string, string> = { Standing: "Stehplatz", "VIP balcony": "VIP-Balkon" };

const THEATRE_CONTENT = {
  imageAlt: "A figure holding a skull in a spotlight before a red theatre curtain.",
  translations: {
    de: {
      description: "Shakespeares Tragödie in einer neuen Inszenierung. Feste Sitzplätze: Wählen Sie Ihre Plätze im Saalplan.",
      imageAlt: "Eine Gestalt mit einem Schädel im Scheinwerferlicht vor einem roten Theatervorhang.",
    },
  },
};
// Section, price zone and ticket type names of the theatre map.
const THEATRE_NAMES_DE: Record<string, string> = { Stalls: "Parkett", Circle: "Rang", Balcony: "Balkon", "Restricted view": "Eingeschränkte Sicht" };

async function seedTeam(db: Db, organizationId: string): Promise<void> {
  for (const demo of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: demo.email } });
    const user =
      existing ??
      (await db.user.create({
        data: {
          email: demo.email,
          name: demo.name,
          passwordHash: await hashPassword(demo.password),
          emailVerifiedAt: new Date(),
          platformRole: demo.platformRole ?? "USER",
        },
      }));
    if (demo.teamRole) {
      await db.membership.upsert({
        where: { userId_organizationId: { userId: user.id, organizationId } },
        update: {},
        create: { userId: user.id, organizationId, role: demo.teamRole },
      });
    }
  }
}

async function seedTheatreMap(db: Db, organizationId: string, venueId: string) {
  const seatMap =
    (await db.seatMap.findFirst({ where: { venueId, name: "Riverside Hall — theatre layout" } })) ??
    (await db.seatMap.create({ data: { organizationId, venueId, name: "Riverside Hall — theatre layout", width: 1200, height: 1040 } }));
  for (const zone of PRICE_ZONES) {
    await db.priceZone.upsert({
      where: { seatMapId_name: { seatMapId: seatMap.id, name: zone.name } },
      update: {},
      create: { seatMapId: seatMap.id, ...zone },
    });
  }
  const zoneIds = new Map((await db.priceZone.findMany({ where: { seatMapId: seatMap.id } })).map((zone) => [zone.name, zone.id]));
  const rowIds = new Map<string, { id: string; sectionId: string }>();
  for (const [tierIndex, tier] of THEATRE_TIERS.entries()) {
    const section = await db.section.upsert({
      where: { seatMapId_name: { seatMapId: seatMap.id, name: tier.section } },
      update: {},
      create: { seatMapId: seatMap.id, name: tier.section, sortOrder: tierIndex, shape: { x: 0, y: tier.top - 20, width: 1200, height: tier.rows * 16 + 24 } },
    });
    for (let r = 0; r < tier.rows; r++) {
      const row = await db.seatRow.upsert({
        where: { sectionId_label: { sectionId: section.id, label: rowLabel(r) } },
        update: {},
        create: { sectionId: section.id, label: rowLabel(r), sortOrder: r },
      });
      rowIds.set(`${tier.section}/${rowLabel(r)}`, { id: row.id, sectionId: section.id });
    }
  }
  const seats: Prisma.SeatCreateManyInput[] = theatreSeats().map((seat) => {
    const row = rowIds.get(`${seat.section}/${seat.row}`)!;
    return {
      seatMapId: seatMap.id,
      sectionId: row.sectionId,
      rowId: row.id,
      priceZoneId: zoneIds.get(seat.zone)!,
      label: seat.label,
      x: seat.x,
      y: seat.y,
      accessible: seat.accessible,
    };
  });
  await db.seat.createMany({ data: seats, skipDuplicates: true });
  return seatMap;
}

type EventInput = Omit<Prisma.EventUncheckedCreateInput, "id">;

async function upsertEvent(db: Db, options: SeedOptions, data: EventInput) {
  const event = await db.event.upsert({
    where: { organizationId_slug: { organizationId: data.organizationId, slug: data.slug } },
    update: {},
    create: data,
  });
  if ((await db.eventSigningKey.count({ where: { eventId: event.id } })) === 0) {
    await db.eventSigningKey.create({ data: { eventId: event.id, ...generateSigningKey(options.ticketKeySecret) } });
  }
  return event;
}

type TicketTypeInput = Pick<Prisma.TicketTypeUncheckedCreateInput, "name" | "capacity" | "priceZoneId" | "sortOrder" | "maxPerOrder">;
type TierInput = Pick<Prisma.PriceTierUncheckedCreateInput, "name" | "priceMinor" | "quantityLimit" | "sortOrder">;

async function upsertTicketType(db: Db, eventId: string, type: TicketTypeInput, tiers: TierInput[]): Promise<void> {
  const ticketType = await db.ticketType.upsert({ where: { eventId_name: { eventId, name: type.name } }, update: {}, create: { eventId, ...type } });
  if ((await db.priceTier.count({ where: { ticketTypeId: ticketType.id } })) > 0) return;
  await db.priceTier.createMany({ data: tiers.map((tier) => ({ ticketTypeId: ticketType.id, currency: "EUR", taxRateBp: 700, ...tier })) });
}
