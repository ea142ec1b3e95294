import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";

const HOUR = 60 * 60 * 1000;

/**
 * Events door staff can scan for: published, from 12 hours before doors until the event ends,
 * plus the coming week so devices can download tickets ahead. Soonest first, with live counts.
 */
export async function listScannableEvents(deps: { db: Db; clock: Clock }, organizationId: string) {
  const now = deps.clock.now().getTime();
  const events = await deps.db.event.findMany({
    where: { organizationId, status: "PUBLISHED", endsAt: { gt: new Date(now) }, startsAt: { lt: new Date(now + 7 * 24 * HOUR) } },
    orderBy: { startsAt: "asc" },
    include: { venue: { select: { name: true } } },
  });
  const counts = await deps.db.ticket.groupBy({
    by: ["eventId"],
    where: { eventId: { in: events.map((event) => event.id) }, status: "VALID" },
    _count: { _all: true, checkedInAt: true },
  });
  const byEvent = new Map(counts.map((row) => [row.eventId, row._count]));
  return events.map((event) => ({
    id: event.id,
    name: event.name,
    venueName: event.venue.name,
    startsAt: event.startsAt,
    doorsAt: event.doorsAt,
    ticketsIssued: byEvent.get(event.id)?._all ?? 0,
    checkedIn: byEvent.get(event.id)?.checkedInAt ?? 0,
  }));
}
