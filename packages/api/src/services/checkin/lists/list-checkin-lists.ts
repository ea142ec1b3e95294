import type { Db } from "@marquee/db";
import { AppError } from "../../../errors.ts";
import type { TCheckinList } from "../checkin-schemas.ts";
import { CHECKIN_LIST_SELECT, toCheckinList } from "./checkin-list-view.ts";

/** The event's check-in lists, active ones first, then by creation; NOT_FOUND for another organisation's event. */
export async function listCheckinLists(deps: { db: Db }, organizationId: string, eventId: string): Promise<TCheckinList[]> {
  const event = await deps.db.event.findFirst({ where: { id: eventId, organizationId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  const rows = await deps.db.checkinList.findMany({
    where: { eventId, organizationId },
    select: CHECKIN_LIST_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    // An event has a handful of lists; the bound keeps a runaway from loading thousands.
    take: 500,
  });
  return rows.map(toCheckinList).sort((a, b) => Number(a.archived) - Number(b.archived));
}
