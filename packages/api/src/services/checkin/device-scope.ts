import type { CheckinListRules } from "@marquee/tickets";
import type { Db } from "@marquee/db";
import type { TCheckinList } from "./checkin-schemas.ts";
import type { TDeviceSession } from "./devices/authenticate-device.ts";

// The check-in lists a paired device may scan: its own listIds, or every non-archived list of its
// events. Sync, upload and the device's stats all start from this one answer.

export type TScopeList = TCheckinList;

/** The lists a device may scan, by id (archived lists and other events' lists never appear). */
export async function deviceLists(deps: { db: Db }, device: Pick<TDeviceSession, "eventIds" | "listIds">): Promise<Map<string, TScopeList>> {
  if (device.eventIds.length === 0) return new Map();
  const rows = await deps.db.checkinList.findMany({
    where: { eventId: { in: device.eventIds }, archivedAt: null, ...(device.listIds.length > 0 ? { id: { in: device.listIds } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return new Map(rows.map((row) => [row.id, toCheckinList(row)]));
}

/** A CheckinList row in the contract's shape. */
export function toCheckinList(row: {
  id: string;
  eventId: string;
  name: string;
  allTicketTypes: boolean;
  ticketTypeIds: string[];
  exitScans: boolean;
  allowReentry: boolean;
  validFrom: Date | null;
  validUntil: Date | null;
  archivedAt: Date | null;
}): TScopeList {
  return {
    id: row.id,
    eventId: row.eventId,
    name: row.name,
    allTicketTypes: row.allTicketTypes,
    ticketTypeIds: row.ticketTypeIds,
    exitScans: row.exitScans,
    allowReentry: row.allowReentry,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    archived: row.archivedAt !== null,
  };
}

/** The list's rules as decideCheckin takes them (epoch milliseconds). */
export const listRules = (list: TScopeList): CheckinListRules => ({
  id: list.id,
  eventId: list.eventId,
  allTicketTypes: list.allTicketTypes,
  ticketTypeIds: list.ticketTypeIds,
  exitScans: list.exitScans,
  allowReentry: list.allowReentry,
  validFrom: list.validFrom?.getTime() ?? null,
  validUntil: list.validUntil?.getTime() ?? null,
});

/** "Ana K." for a scanner (first name and initial of the last), the full name for a supervisor. */
export function holderLabel(name: string | null, role: TDeviceSession["role"]): string | null {
  const trimmed = name?.trim();
  if (!trimmed) return null;
  if (role === "SUPERVISOR") return trimmed;
  const parts = trimmed.split(/\s+/);
  const last = parts.length > 1 ? parts[parts.length - 1]! : "";
  return last ? `${parts[0]} ${last.charAt(0).toUpperCase()}.` : parts[0]!;
}

/** "Stalls · Row A · Seat 12", or null for general admission. */
export function seatLabel(section: string | null, row: string | null, seat: string | null): string | null {
  if (!seat) return null;
  return [section, row ? `Row ${row}` : null, `Seat ${seat}`].filter(Boolean).join(" · ");
}
