import { encodeRevocationList } from "@marquee/tickets";
import type { Db } from "@marquee/db";
import type { Clock } from "../../../clock.ts";
import type { TCheckinData, TDeviceSelf } from "../checkin-schemas.ts";
import type { TDeviceSession } from "../devices/authenticate-device.ts";
import { deviceLists } from "../device-scope.ts";
import { decodeSyncCursor, encodeSyncCursor, type TSyncCursor } from "./sync-cursor.ts";
import { scansSince, ticketPage, type TTicketPage } from "./sync-rows.ts";

/**
 * Ticket.updatedAt and Scan.receivedAt are stamped before their transaction commits, so a row can
 * become visible after a sync that read past its time: each delta re-reads this much before the
 * watermark. Devices upsert by id, so the repeats are harmless.
 */
export const SYNC_OVERLAP_MS = 30_000;

type TDeps = { db: Db; clock: Clock };

/** The device as it knows itself. */
export const deviceSelf = (device: TDeviceSession): TDeviceSelf => ({
  id: device.id,
  organizationId: device.organizationId,
  organizationName: device.organizationName,
  name: device.name,
  gate: device.gate,
  role: device.role,
  eventIds: device.eventIds,
});

/** The events' keys and revocation lists, in full: they are small. */
async function syncEvents(deps: TDeps, eventIds: readonly string[], now: Date): Promise<TCheckinData["events"]> {
  const [events, revoked] = await Promise.all([
    deps.db.event.findMany({
      where: { id: { in: [...eventIds] } },
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        name: true,
        startsAt: true,
        endsAt: true,
        timezone: true,
        venue: { select: { name: true } },
        signingKeys: { select: { keyId: true, publicKey: true, status: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      },
    }),
    deps.db.ticket.findMany({ where: { eventId: { in: [...eventIds] }, status: { in: ["REVOKED", "TRANSFERRED"] } }, select: { id: true, eventId: true } }),
  ]);
  return events.map((event) => ({
    id: event.id,
    name: event.name,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timezone: event.timezone,
    venueName: event.venue.name,
    keys: event.signingKeys,
    revocationList: encodeRevocationList({
      eventId: event.id,
      generatedAt: now,
      ticketIds: revoked.filter((ticket) => ticket.eventId === event.id).map((ticket) => ticket.id),
    }),
  }));
}

/**
 * What a paired device downloads: its events (keys, revocation lists), lists and ticket types in
 * full, then tickets by pages. Without a usable cursor a full sync ((updatedAt, id) keyset pages,
 * then every counted scan with the last page); with one, the tickets and scans changed since its
 * watermarks. Records the device's last sync and app version.
 */
export async function getCheckinData(
  deps: TDeps,
  device: TDeviceSession,
  input: { cursor?: string; limit: number; appVersion?: string },
): Promise<TCheckinData> {
  const now = deps.clock.now();
  const cursor = decodeSyncCursor(input.cursor, device.id);
  const listMap = await deviceLists(deps, device);
  const lists = [...listMap.values()];
  const eventIds = [...new Set(lists.map((list) => list.eventId))];
  const [events, ticketTypes] = await Promise.all([
    syncEvents(deps, device.eventIds, now),
    deps.db.ticketType.findMany({ where: { eventId: { in: device.eventIds } }, select: { id: true, eventId: true, name: true }, orderBy: { id: "asc" } }),
  ]);

  let page: TTicketPage;
  let next: TSyncCursor;
  let scanSince: Date | null = null;
  if (cursor?.p === "delta") {
    page = await ticketPage(deps, { device, lists, after: cursor.k ?? null, since: cursor.t - SYNC_OVERLAP_MS, limit: input.limit });
    scanSince = new Date(cursor.s - SYNC_OVERLAP_MS);
    next = page.hasMore ? { ...cursor, k: page.last } : { v: 1, d: device.id, p: "delta", t: now.getTime(), s: now.getTime(), k: null };
  } else {
    const started = cursor?.s ?? now.getTime();
    page = await ticketPage(deps, { device, lists, after: cursor?.k ?? null, since: null, limit: input.limit });
    next = page.hasMore ? { v: 1, d: device.id, p: "full", k: page.last, s: started } : { v: 1, d: device.id, p: "delta", t: started, s: started, k: null };
  }
  const lastPage = !page.hasMore;
  // Scans travel with the last page only: a full sync's counted scans, or a delta's changes.
  const scans = lastPage ? await scansSince(deps, { listIds: [...listMap.keys()], since: cursor?.p === "delta" ? scanSince : null }) : [];

  await deps.db.checkinDevice.update({
    where: { id: device.id },
    data: { lastSyncAt: now, ...(input.appVersion ? { appVersion: input.appVersion } : {}) },
  });
  return {
    serverTime: now,
    cursor: encodeSyncCursor(next),
    hasMore: page.hasMore,
    full: cursor === null,
    device: deviceSelf(device),
    events,
    lists,
    ticketTypes: ticketTypes.filter((type) => eventIds.includes(type.eventId)),
    tickets: page.tickets,
    scans,
  };
}
