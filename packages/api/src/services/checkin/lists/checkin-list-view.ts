import type { Prisma } from "@marquee/db";
import type { TCheckinList } from "../checkin-schemas.ts";

/** The columns a check-in list answer needs. */
export const CHECKIN_LIST_SELECT = {
  id: true,
  eventId: true,
  name: true,
  allTicketTypes: true,
  ticketTypeIds: true,
  exitScans: true,
  allowReentry: true,
  validFrom: true,
  validUntil: true,
  archivedAt: true,
} as const satisfies Prisma.CheckinListSelect;

type TCheckinListRow = Prisma.CheckinListGetPayload<{ select: typeof CHECKIN_LIST_SELECT }>;

/** A stored list as the contract's ZCheckinList (archived instead of the archive time). */
export function toCheckinList(row: TCheckinListRow): TCheckinList {
  const { archivedAt, ...list } = row;
  return { ...list, archived: archivedAt !== null };
}
