import type { Prisma } from "@marquee/db";
import { AppError } from "../../errors.ts";

type Tx = Prisma.TransactionClient;

/** The event under a row lock, if it is this organisation's; another organisation's is NOT_FOUND. */
export async function lockOrganizationEvent(tx: Tx, organizationId: string, eventId: string) {
  const [row] = await tx.$queryRaw<{ organizationId: string }[]>`SELECT "organizationId" FROM "Event" WHERE id = ${eventId}::uuid FOR UPDATE`;
  if (!row || row.organizationId !== organizationId) throw new AppError("NOT_FOUND", "Event not found.");
  return tx.event.findUniqueOrThrow({ where: { id: eventId } });
}

/** The venue and seat map named by an input must be this organisation's (and the map the venue's). */
export async function checkVenueAndSeatMap(tx: Tx, organizationId: string, venueId: string, seatMapId: string | null) {
  const venue = await tx.venue.findFirst({ where: { id: venueId, organizationId }, select: { id: true } });
  if (!venue) throw new AppError("NOT_FOUND", "Venue not found.", { field: "venueId" });
  if (seatMapId === null) return;
  const seatMap = await tx.seatMap.findFirst({ where: { id: seatMapId, organizationId }, select: { venueId: true } });
  if (!seatMap) throw new AppError("NOT_FOUND", "Seat map not found.", { field: "seatMapId" });
  if (seatMap.venueId !== venueId) throw new AppError("VALIDATION_ERROR", "The seat map belongs to another venue.", { field: "seatMapId" });
}

/** Slugs name events in the shop's URLs: unique across the platform, not only the organisation. */
export async function checkSlugFree(tx: Tx, slug: string, exceptEventId?: string) {
  const taken = await tx.event.findFirst({ where: { slug, ...(exceptEventId ? { id: { not: exceptEventId } } : {}) }, select: { id: true } });
  if (taken) throw new AppError("CONFLICT", "This web address is taken; choose another slug.", { field: "slug", reason: "SLUG_TAKEN" });
}

interface TTimeline {
  startsAt: Date;
  endsAt: Date;
  doorsAt: Date | null;
  onSaleAt: Date;
  offSaleAt: Date | null;
}

/** The dates must make sense together; the field named in details is the one to fix. */
export function checkTimeline(t: TTimeline) {
  const fail = (field: string, message: string) => new AppError("VALIDATION_ERROR", message, { field });
  if (t.endsAt <= t.startsAt) throw fail("endsAt", "The event must end after it starts.");
  if (t.doorsAt && t.doorsAt > t.startsAt) throw fail("doorsAt", "Doors must open before the event starts.");
  if (t.onSaleAt >= t.endsAt) throw fail("onSaleAt", "The sale must start before the event ends.");
  if (t.offSaleAt && t.offSaleAt <= t.onSaleAt) throw fail("offSaleAt", "The sale must end after it starts.");
}
