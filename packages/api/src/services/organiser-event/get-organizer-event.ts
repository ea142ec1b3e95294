import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { publicEventImage } from "../event-image/event-image-output.ts";
import { cancellationProgress } from "./cancel-event.ts";
import { organizerEvent } from "./event-output.ts";

/** One event with everything the console's pages edit, plus stock, sales and (once cancelled) refund progress. */
export async function getOrganizerEvent(deps: { db: Db }, organizationId: string, eventId: string) {
  const event = await deps.db.event.findFirst({
    where: { id: eventId, organizationId },
    include: {
      venue: { select: { name: true, city: true } },
      seatMap: {
        select: {
          name: true,
          priceZones: { select: { id: true, name: true }, orderBy: { sortOrder: "asc" } },
          _count: { select: { seats: { where: { blocked: false } } } },
        },
      },
      ticketTypes: { where: { active: true }, select: { capacity: true, soldCount: true } },
      _count: { select: { queueTickets: { where: { status: "WAITING" } } } },
    },
  });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  const capacity = event.seatMap ? event.seatMap._count.seats : event.ticketTypes.reduce((sum, t) => sum + (t.capacity ?? 0), 0);
  const sold = await deps.db.ticket.count({ where: { eventId, status: "VALID" } });
  return {
    ...organizerEvent(event),
    description: event.description,
    defaultLanguage: event.defaultLanguage,
    venueNotes: event.venueNotes,
    translations: event.translations as Record<string, Record<string, string>>,
    ticketChangesEnabled: event.ticketChangesEnabled,
    ticketChangesCutoffHours: event.ticketChangesCutoffHours,
    refundRequestsEnabled: event.refundRequestsEnabled,
    refundRequestCutoffDays: event.refundRequestCutoffDays,
    cancellationReason: event.cancellationReason,
    venueName: event.venue.name,
    seatMapName: event.seatMap?.name ?? null,
    /** What a reserved event's ticket types sell: each type one zone of the map. */
    priceZones: event.seatMap?.priceZones ?? [],
    imageKey: event.imageKey,
    imageAlt: event.imageAlt,
    /** The stored image as the shop serves it (the console's own /api/images mounts the same route). */
    image: publicEventImage(event, { requested: null, defaultLanguage: event.defaultLanguage }),
    waitingRoom: {
      enabled: event.waitingRoomEnabled,
      opensAt: event.waitingRoomOpensAt,
      overbookPct: event.waitingRoomOverbookPct,
      admitPerMinute: event.waitingRoomAdmitPerMinute,
      admissionTtlSeconds: event.admissionTtlSeconds,
      waiting: event._count.queueTickets,
    },
    capacity,
    ticketsSold: sold,
    progress: event.status === "CANCELLED" ? await cancellationProgress(deps.db, eventId) : null,
  };
}

/** What the "new event" form chooses from: the organisation's venues and seat maps (bounded). */
export async function listEventPlaces(deps: { db: Db }, organizationId: string) {
  const [venues, seatMaps] = await Promise.all([
    deps.db.venue.findMany({ where: { organizationId }, select: { id: true, name: true, city: true, timezone: true }, orderBy: { name: "asc" }, take: 200 }),
    deps.db.seatMap.findMany({
      where: { organizationId },
      select: { id: true, name: true, venueId: true, version: true, priceZones: { select: { id: true, name: true } } },
      orderBy: { name: "asc" },
      take: 200,
    }),
  ]);
  return { venues, seatMaps };
}
