import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";
import type { TBookingDeps } from "../booking/types.ts";
import { safeCell } from "../orders/csv-stream.ts";
import { refreshDemand } from "./waiting-list-demand.ts";
import { ZWaitingListStatus } from "./waiting-list-schemas.ts";

type TDeps = Pick<TBookingDeps, "db" | "redis" | "redisPrefix" | "clock">;
type TScope = { organizationId: string; actor: TAuditActor };

export const ZWaitingListSettingsInput = z.object({
  eventId: z.uuid(),
  enabled: z.boolean(),
  paused: z.boolean(),
  /** How long an offer's link makes a hold: 5 minutes to 7 days. */
  offerMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60),
});
export type TWaitingListSettingsInput = z.infer<typeof ZWaitingListSettingsInput>;

export const ZWaitingListSettings = z.object({ eventId: z.uuid(), enabled: z.boolean(), paused: z.boolean(), offerMinutes: z.number().int() });

export const ZListWaitingListInput = z.object({
  eventId: z.uuid(),
  status: ZWaitingListStatus.optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

export const ZOrganizerWaitingListEntry = z.object({
  id: z.uuid(),
  ticketTypeId: z.uuid(),
  ticketTypeName: z.string(),
  email: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  status: ZWaitingListStatus,
  /** Place among the type's entries still in line; null once out of it. */
  place: z.number().int().nullable(),
  createdAt: z.date(),
  offeredAt: z.date().nullable(),
  offerExpiresAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  orderId: z.uuid().nullable(),
});
export type TOrganizerWaitingListEntry = z.infer<typeof ZOrganizerWaitingListEntry>;

export const ZWaitingListOverview = ZWaitingListSettings.extend({
  counts: z.record(ZWaitingListStatus, z.number().int()),
  entries: z.array(ZOrganizerWaitingListEntry),
});

export const ZWaitingListEntryIdInput = z.object({ entryId: z.uuid() });

async function eventOf(deps: TDeps, organizationId: string, eventId: string) {
  const event = await deps.db.event.findFirst({
    where: { id: eventId, organizationId },
    select: { id: true, slug: true, waitingListEnabled: true, waitingListPaused: true, waitingListOfferMinutes: true },
  });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  return event;
}

/** Entries in position order, each with its place among the type's entries still in line. */
async function entriesOf(
  deps: TDeps,
  eventId: string,
  status: z.infer<typeof ZWaitingListStatus> | undefined,
  limit: number,
): Promise<TOrganizerWaitingListEntry[]> {
  const rows = await deps.db.waitingListEntry.findMany({
    where: { eventId, ...(status ? { status } : {}) },
    orderBy: { position: "asc" },
    take: limit,
    include: { ticketType: { select: { name: true } } },
  });
  const places = new Map<string, number>();
  const inLine = await deps.db.waitingListEntry.findMany({
    where: { eventId, status: { in: ["WAITING", "OFFERED"] } },
    orderBy: { position: "asc" },
    select: { id: true, ticketTypeId: true },
  });
  const perType = new Map<string, number>();
  for (const entry of inLine) {
    const place = (perType.get(entry.ticketTypeId) ?? 0) + 1;
    perType.set(entry.ticketTypeId, place);
    places.set(entry.id, place);
  }
  return rows.map((row) => ({
    id: row.id,
    ticketTypeId: row.ticketTypeId,
    ticketTypeName: row.ticketType.name,
    email: row.email,
    name: row.name,
    quantity: row.quantity,
    status: row.status,
    place: places.get(row.id) ?? null,
    createdAt: row.createdAt,
    offeredAt: row.offeredAt,
    offerExpiresAt: row.offerExpiresAt,
    endedAt: row.endedAt,
    orderId: row.orderId,
  }));
}

/** The console's waiting-list page: settings, counts per state, entries (filtered by state). */
export async function getWaitingListOverview(deps: TDeps, organizationId: string, input: z.infer<typeof ZListWaitingListInput>) {
  const event = await eventOf(deps, organizationId, input.eventId);
  const grouped = await deps.db.waitingListEntry.groupBy({ by: ["status"], where: { eventId: event.id }, _count: { _all: true } });
  const counts = { WAITING: 0, OFFERED: 0, PURCHASED: 0, EXPIRED: 0, REMOVED: 0 };
  for (const row of grouped) counts[row.status] = row._count._all;
  return {
    eventId: event.id,
    enabled: event.waitingListEnabled,
    paused: event.waitingListPaused,
    offerMinutes: event.waitingListOfferMinutes,
    counts,
    entries: await entriesOf(deps, event.id, input.status, input.limit),
  };
}

/** Turns the list on or off, pauses offers, sets the offer validity. Answers the new settings. */
export async function updateWaitingListSettings(deps: TDeps, scope: TScope, input: TWaitingListSettingsInput) {
  await eventOf(deps, scope.organizationId, input.eventId);
  const event = await deps.db.$transaction(async (tx) => {
    const updated = await tx.event.update({
      where: { id: input.eventId },
      data: { waitingListEnabled: input.enabled, waitingListPaused: input.paused, waitingListOfferMinutes: input.offerMinutes },
      select: { id: true, waitingListEnabled: true, waitingListPaused: true, waitingListOfferMinutes: true },
    });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      actor: scope.actor,
      action: "event.waiting-list.update",
      targetType: "event",
      targetId: input.eventId,
      data: { enabled: input.enabled, paused: input.paused, offerMinutes: input.offerMinutes },
    });
    return updated;
  });
  await refreshDemand(deps, event.id);
  return { eventId: event.id, enabled: event.waitingListEnabled, paused: event.waitingListPaused, offerMinutes: event.waitingListOfferMinutes };
}

/** The organiser takes an entry off the list (WAITING or OFFERED, unclaimed); its stock passes on. */
export async function removeWaitingListEntry(deps: TDeps, scope: TScope, entryId: string) {
  const entry = await deps.db.waitingListEntry.findFirst({
    where: { id: entryId, event: { organizationId: scope.organizationId } },
    select: { id: true, eventId: true },
  });
  if (!entry) throw new AppError("NOT_FOUND", "Entry not found.");
  const removed = await deps.db.$transaction(async (tx) => {
    const hit = await tx.waitingListEntry.updateMany({
      where: { id: entry.id, status: { in: ["WAITING", "OFFERED"] }, holdId: null },
      data: { status: "REMOVED", endedAt: deps.clock.now(), offerTokenHash: null },
    });
    if (hit.count === 1) {
      await recordAudit(tx, {
        organizationId: scope.organizationId,
        actor: scope.actor,
        action: "event.waiting-list.remove",
        targetType: "event",
        targetId: entry.eventId,
        data: { entryId },
      });
    }
    return hit.count === 1;
  });
  if (!removed) throw new AppError("CONFLICT", "Only entries waiting, or offered and not yet claimed, can be removed.");
  await refreshDemand(deps, entry.eventId);
  return { removed: true, eventId: entry.eventId };
}

const EXPORT_LIMIT = 50_000;

/** The whole list as CSV (position order), cells guarded against spreadsheet formulas. */
export async function exportWaitingList(deps: TDeps, organizationId: string, eventId: string): Promise<{ filename: string; csv: string; count: number }> {
  const event = await eventOf(deps, organizationId, eventId);
  const entries = await entriesOf(deps, event.id, undefined, EXPORT_LIMIT);
  const iso = (date: Date | null) => date?.toISOString() ?? "";
  const csv = stringify([
    ["place", "status", "email", "name", "ticket_type", "quantity", "joined_at", "offered_at", "offer_expires_at", "ended_at", "order_id"],
    ...entries.map((e) =>
      [
        e.place ?? "",
        e.status,
        e.email,
        e.name,
        e.ticketTypeName,
        e.quantity,
        iso(e.createdAt),
        iso(e.offeredAt),
        iso(e.offerExpiresAt),
        iso(e.endedAt),
        e.orderId ?? "",
      ].map(safeCell),
    ),
  ]);
  return { filename: `waiting-list-${event.slug}.csv`, csv, count: entries.length };
}
