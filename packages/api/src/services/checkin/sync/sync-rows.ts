import { Prisma, type Db } from "@marquee/db";
import type { TDeviceSession } from "../devices/authenticate-device.ts";
import type { TSyncScan, TSyncTicket } from "../checkin-schemas.ts";
import { holderLabel, seatLabel, type TScopeList } from "../device-scope.ts";

// The set-based reads behind a sync answer: one keyset query for a page of tickets (seat labels and
// holders joined in), and two for the scans since a watermark. No query per ticket.

/** A page position: the last ticket's updatedAt (epoch ms) and id. */
export type TKeyset = [number, string];

export interface TTicketPage {
  tickets: TSyncTicket[];
  /** Position of the last ticket of the page (null for an empty page). */
  last: TKeyset | null;
  hasMore: boolean;
}

interface TTicketRow {
  id: string;
  eventId: string;
  ticketTypeId: string;
  shortCode: string;
  status: TSyncTicket["status"];
  holder: string | null;
  section: string | null;
  rowLabel: string | null;
  seatLabel: string | null;
  updatedMs: bigint;
}

const msToTimestamp = (ms: number) => Prisma.sql`(to_timestamp(${ms}::float8 / 1000) AT TIME ZONE 'UTC')`;

/** Which tickets the lists cover: every type of events with an all-types list, else the named types. */
function coverage(lists: readonly TScopeList[]): { allTypeEvents: string[]; typeIds: string[] } {
  const allTypeEvents = new Set<string>();
  const typeIds = new Set<string>();
  for (const list of lists) {
    if (list.allTicketTypes) allTypeEvents.add(list.eventId);
    else for (const id of list.ticketTypeIds) typeIds.add(id);
  }
  return { allTypeEvents: [...allTypeEvents], typeIds: [...typeIds] };
}

/**
 * One page of tickets the device's lists cover, ordered by (updatedAt, id) after `after`, changed
 * after `since` (epoch ms) when given. Every status: a typed short code of a refunded ticket must
 * say REVOKED, not UNKNOWN_TICKET.
 */
export async function ticketPage(
  deps: { db: Db },
  input: { device: Pick<TDeviceSession, "role">; lists: readonly TScopeList[]; after: TKeyset | null; since: number | null; limit: number },
): Promise<TTicketPage> {
  const { allTypeEvents, typeIds } = coverage(input.lists);
  if (allTypeEvents.length === 0 && typeIds.length === 0) return { tickets: [], last: null, hasMore: false };
  const eventIds = [...new Set(input.lists.map((list) => list.eventId))];
  const after = input.after ? Prisma.sql`AND (t."updatedAt", t."id") > (${msToTimestamp(input.after[0])}, ${input.after[1]}::uuid)` : Prisma.empty;
  const since = input.since === null ? Prisma.empty : Prisma.sql`AND t."updatedAt" > ${msToTimestamp(input.since)}`;
  const rows = await deps.db.$queryRaw<TTicketRow[]>`
    SELECT t."id", t."eventId", t."ticketTypeId", t."shortCode", t."status"::text AS "status",
           COALESCE(NULLIF(t."holderName", ''), o."buyerName") AS "holder",
           sec."name" AS "section", r."label" AS "rowLabel", s."label" AS "seatLabel",
           round(extract(epoch FROM t."updatedAt") * 1000)::bigint AS "updatedMs"
    FROM "Ticket" t
    JOIN "Order" o ON o."id" = t."orderId"
    LEFT JOIN "Seat" s ON s."id" = t."seatId"
    LEFT JOIN "SeatRow" r ON r."id" = s."rowId"
    LEFT JOIN "Section" sec ON sec."id" = s."sectionId"
    WHERE t."eventId" = ANY(${eventIds}::uuid[])
      AND (t."eventId" = ANY(${allTypeEvents}::uuid[]) OR t."ticketTypeId" = ANY(${typeIds}::uuid[]))
      ${after} ${since}
    ORDER BY t."updatedAt", t."id"
    LIMIT ${input.limit + 1}`;
  const hasMore = rows.length > input.limit;
  const page = hasMore ? rows.slice(0, input.limit) : rows;
  const lastRow = page.at(-1);
  return {
    tickets: page.map((row) => ({
      id: row.id,
      eventId: row.eventId,
      ticketTypeId: row.ticketTypeId,
      shortCode: row.shortCode,
      seat: seatLabel(row.section, row.rowLabel, row.seatLabel),
      holder: holderLabel(row.holder, input.device.role),
      status: row.status,
    })),
    last: lastRow ? [Number(lastRow.updatedMs), lastRow.id] : null,
    hasMore,
  };
}

export const scanSelect = {
  id: true,
  nonce: true,
  eventId: true,
  listId: true,
  ticketId: true,
  kind: true,
  scannedAt: true,
  gate: true,
  deviceId: true,
  annulledAt: true,
  conflict: true,
  device: { select: { name: true } },
} satisfies Prisma.ScanSelect;

type TScanRow = Prisma.ScanGetPayload<{ select: typeof scanSelect }>;

/** A stored scan in the sync (and live channel) shape. */
export function toSyncScan(row: TScanRow): TSyncScan {
  return {
    id: row.id,
    nonce: row.nonce,
    eventId: row.eventId,
    listId: row.listId!,
    ticketId: row.ticketId!,
    kind: row.kind,
    scannedAt: row.scannedAt,
    gate: row.gate,
    deviceId: row.deviceId,
    deviceName: row.device?.name ?? null,
    annulled: row.annulledAt !== null,
    conflict: row.conflict,
  };
}

/**
 * Scans of any device on these lists. Full (since null): the counted ones (accepted, not annulled).
 * Delta: the ones received or annulled after `since`, plus recorded admissions flipped to a
 * conflict by one of those (an earlier scan by device time arrived later), so devices drop them.
 */
export async function scansSince(deps: { db: Db }, input: { listIds: readonly string[]; since: Date | null }): Promise<TSyncScan[]> {
  if (input.listIds.length === 0) return [];
  const base = { listId: { in: [...input.listIds] }, ticketId: { not: null } } satisfies Prisma.ScanWhereInput;
  if (input.since === null) {
    const rows = await deps.db.scan.findMany({ where: { ...base, result: "ACCEPTED", annulledAt: null }, select: scanSelect, orderBy: { receivedAt: "asc" } });
    return rows.map(toSyncScan);
  }
  const rows = await deps.db.scan.findMany({
    where: {
      ...base,
      OR: [{ receivedAt: { gt: input.since } }, { annulledAt: { gt: input.since } }],
      AND: [{ OR: [{ result: "ACCEPTED" }, { conflict: true }, { annulledAt: { not: null } }] }],
    },
    select: scanSelect,
    orderBy: { receivedAt: "asc" },
  });
  const seen = new Set(rows.map((row) => row.id));
  const flipped = await deps.db.scan.findMany({
    where: { ...base, conflict: true, conflictWithScanId: { in: [...seen] }, id: { notIn: [...seen] } },
    select: scanSelect,
  });
  return [...rows, ...flipped].map(toSyncScan);
}
