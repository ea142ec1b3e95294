import type { Prisma } from "@marquee/db";
import { generateSigningKey } from "@marquee/db/signing-key";
import { AppError } from "../../errors.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";
import { invalidateInventory } from "../booking/convert-hold.ts";
import { ensureInventory } from "../booking/rebuild-inventory.ts";
import type { TBookingDeps } from "../booking/types.ts";
import { readTicketKeyEnv } from "../tickets/ticket-key-env.ts";
import { checkSlugFree, checkTimeline, checkVenueAndSeatMap, lockOrganizationEvent } from "./event-access.ts";
import { organizerEvent } from "./event-output.ts";
import { EVENT_DEFAULTS, type TCreateEventInput, type TOrganizerEvent, type TUpdateEventInput } from "./event-schemas.ts";

type Tx = Prisma.TransactionClient;

export interface TOrganiserWriteDeps extends TBookingDeps {
  /** Decrypts/encrypts the events' signing keys; read from TICKET_KEY_SECRET when absent. */
  ticketKeySecret?: string;
}

interface TScope {
  organizationId: string;
  actor: TAuditActor;
}

const signingKeyOf = (deps: TOrganiserWriteDeps) => generateSigningKey(deps.ticketKeySecret ?? readTicketKeyEnv().TICKET_KEY_SECRET);

/** A new DRAFT event with its signing key; nothing is on sale until it is published. */
export async function createEvent(deps: TOrganiserWriteDeps, scope: TScope, input: TCreateEventInput): Promise<TOrganizerEvent> {
  const settings = { ...EVENT_DEFAULTS, ...input };
  checkTimeline(settings);
  const event = await deps.db.$transaction(async (tx: Tx) => {
    await checkVenueAndSeatMap(tx, scope.organizationId, settings.venueId, settings.seatMapId);
    await checkSlugFree(tx, settings.slug);
    const organization = await tx.organization.findUniqueOrThrow({ where: { id: scope.organizationId }, select: { currency: true } });
    const created = await tx.event.create({
      data: {
        ...settings,
        organizationId: scope.organizationId,
        seatingMode: settings.seatMapId ? "RESERVED" : "GENERAL_ADMISSION",
        currency: organization.currency,
        status: "DRAFT",
        signingKeys: { create: signingKeyOf(deps) },
      },
    });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "event.create",
      targetType: "event",
      targetId: created.id,
      data: { name: created.name, slug: created.slug },
    });
    return created;
  });
  return organizerEvent(event);
}

/** The settings fields whose old and new values the audit entry keeps. */
const changedFields = (before: Record<string, unknown>, input: Record<string, unknown>) => {
  const out: Record<string, { before: Prisma.InputJsonValue | null; after: Prisma.InputJsonValue | null }> = {};
  const json = (value: unknown) => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue | null));
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === "eventId") continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) out[key] = { before: json(before[key]), after: json(value) };
  }
  return out;
};

/**
 * Changes an event's settings. A venue or seat map change is refused once anything was sold (the
 * tickets name their seats); a new seat map reaches the event's Redis inventory at once (rebuilt).
 */
export async function updateEvent(deps: TOrganiserWriteDeps, scope: TScope, input: TUpdateEventInput): Promise<TOrganizerEvent> {
  const { eventId, ...changes } = input;
  let seatsChanged = false;
  const event = await deps.db.$transaction(async (tx: Tx) => {
    const before = await lockOrganizationEvent(tx, scope.organizationId, eventId);
    if (before.status === "CANCELLED") throw new AppError("CONFLICT", "A cancelled event cannot be changed.");
    const next = { ...before, ...changes };
    checkTimeline(next);
    if (next.imageKey && next.imageAlt.trim() === "")
      throw new AppError("VALIDATION_ERROR", "Describe the image for people who cannot see it.", { field: "imageAlt" });
    if (changes.slug !== undefined && changes.slug !== before.slug) await checkSlugFree(tx, changes.slug, eventId);
    seatsChanged = next.seatMapId !== before.seatMapId || next.venueId !== before.venueId;
    if (seatsChanged) {
      await checkVenueAndSeatMap(tx, scope.organizationId, next.venueId, next.seatMapId);
      const sold = await tx.orderLine.count({ where: { eventId, status: { in: ["ACTIVE", "PENDING"] } } });
      if (sold > 0) throw new AppError("CONFLICT", "The venue and seat map cannot change once tickets are sold.", { field: "seatMapId" });
    }
    const diff = changedFields(before, changes);
    const updated = await tx.event.update({
      where: { id: eventId },
      data: { ...changes, ...(seatsChanged ? { seatingMode: next.seatMapId ? "RESERVED" : "GENERAL_ADMISSION" } : {}) },
    });
    if (Object.keys(diff).length > 0) {
      await recordAudit(tx, {
        organizationId: scope.organizationId,
        actor: scope.actor,
        action: "event.update",
        targetType: "event",
        targetId: eventId,
        data: diff,
      });
    }
    return updated;
  });
  if (seatsChanged) {
    await invalidateInventory(deps, eventId);
    await ensureInventory(deps, eventId);
  }
  return organizerEvent(event);
}

/** A copy as a DRAFT under a new slug: settings, ticket types and their price tiers; no orders, no sales counts. */
export async function duplicateEvent(deps: TOrganiserWriteDeps, scope: TScope, input: { eventId: string; slug?: string }): Promise<TOrganizerEvent> {
  const event = await deps.db.$transaction(async (tx: Tx) => {
    const source = await lockOrganizationEvent(tx, scope.organizationId, input.eventId);
    const types = await tx.ticketType.findMany({ where: { eventId: source.id }, include: { priceTiers: true }, orderBy: { sortOrder: "asc" } });
    const slug = input.slug ?? `${source.slug.slice(0, 60)}-copy-${Math.random().toString(36).slice(2, 8)}`;
    await checkSlugFree(tx, slug);
    const { id: _id, createdAt: _c, updatedAt: _u, translations, status: _s, cancelledAt: _ca, cancellationReason: _cr, ...settings } = source;
    const copy = await tx.event.create({
      data: {
        ...settings,
        slug,
        name: `${source.name} (copy)`.slice(0, 200),
        translations: translations ?? {},
        status: "DRAFT",
        signingKeys: { create: signingKeyOf(deps) },
      },
    });
    for (const type of types) {
      await tx.ticketType.create({
        data: {
          eventId: copy.id,
          name: type.name,
          description: type.description,
          capacity: type.capacity,
          priceZoneId: type.priceZoneId,
          minPerOrder: type.minPerOrder,
          maxPerOrder: type.maxPerOrder,
          salesStartAt: type.salesStartAt,
          salesEndAt: type.salesEndAt,
          sortOrder: type.sortOrder,
          active: type.active,
          hiddenUnlessVoucher: type.hiddenUnlessVoucher,
          translations: type.translations ?? {},
          priceTiers: {
            create: type.priceTiers.map((tier) => ({
              name: tier.name,
              priceMinor: tier.priceMinor,
              currency: tier.currency,
              taxRateBp: tier.taxRateBp,
              validFrom: tier.validFrom,
              validUntil: tier.validUntil,
              quantityLimit: tier.quantityLimit,
              sortOrder: tier.sortOrder,
            })),
          },
        },
      });
    }
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "event.duplicate",
      targetType: "event",
      targetId: copy.id,
      data: { sourceEventId: source.id, ticketTypes: types.length },
    });
    return copy;
  });
  return organizerEvent(event);
}

/**
 * Publishes a DRAFT event (it needs at least one active ticket type) or takes a published one back
 * to DRAFT. On publish the Redis inventory is built at once, so a type whose sale has begun can be
 * held right away.
 */
export async function setEventPublished(deps: TOrganiserWriteDeps, scope: TScope, input: { eventId: string; published: boolean }): Promise<TOrganizerEvent> {
  const event = await deps.db.$transaction(async (tx: Tx) => {
    const before = await lockOrganizationEvent(tx, scope.organizationId, input.eventId);
    if (before.status === "CANCELLED" || before.status === "ARCHIVED") throw new AppError("CONFLICT", `A ${before.status.toLowerCase()} event cannot change.`);
    const status = input.published ? "PUBLISHED" : "DRAFT";
    if (before.status === status) return before;
    if (input.published) {
      const types = await tx.ticketType.count({ where: { eventId: before.id, active: true } });
      if (types === 0) throw new AppError("CONFLICT", "Add a ticket type before publishing.", { reason: "NO_TICKET_TYPES" });
    }
    const updated = await tx.event.update({ where: { id: before.id }, data: { status } });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: input.published ? "event.publish" : "event.unpublish",
      targetType: "event",
      targetId: before.id,
      data: { before: before.status, after: status },
    });
    return updated;
  });
  if (input.published) await ensureInventory(deps, event.id);
  return organizerEvent(event);
}
