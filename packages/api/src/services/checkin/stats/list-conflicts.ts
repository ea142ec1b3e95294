import type { Db } from "@marquee/db";
import { AppError } from "../../../errors.ts";
import type { TConflictsPage } from "../checkin-schemas.ts";

// The console's double entries: each conflict scan with the admission it collided with, newest
// first (by the double entry's device time), in keyset pages.

const conflictScanSelect = {
  id: true,
  scannedAt: true,
  receivedAt: true,
  gate: true,
  deviceId: true,
  offline: true,
  device: { select: { name: true } },
} as const;

type TConflictScanRow = {
  id: string;
  scannedAt: Date;
  receivedAt: Date;
  gate: string | null;
  deviceId: string | null;
  offline: boolean;
  device: { name: string } | null;
};

const toConflictScan = (scan: TConflictScanRow) => ({
  scanId: scan.id,
  scannedAt: scan.scannedAt,
  receivedAt: scan.receivedAt,
  gate: scan.gate,
  deviceId: scan.deviceId,
  deviceName: scan.device?.name ?? null,
  offline: scan.offline,
});

const encodeCursor = (at: Date, id: string) => Buffer.from(JSON.stringify([at.getTime(), id])).toString("base64url");

function decodeCursor(text: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    if (typeof at !== "number" || !Number.isFinite(at) || typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("shape");
    return { at: new Date(at), id };
  } catch {
    throw new AppError("VALIDATION_ERROR", "This page cursor is not valid.", { field: "cursor" });
  }
}

/** One page of the event's double entries. Another organisation's event is NOT_FOUND. */
export async function listConflicts(
  deps: { db: Db },
  organizationId: string,
  input: { eventId: string; cursor?: string; limit: number },
): Promise<TConflictsPage> {
  const event = await deps.db.event.findFirst({ where: { id: input.eventId, organizationId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found.");
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await deps.db.scan.findMany({
    where: {
      eventId: event.id,
      conflict: true,
      conflictWithScanId: { not: null },
      ticketId: { not: null },
      ...(after ? { OR: [{ scannedAt: { lt: after.at } }, { scannedAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ scannedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      ...conflictScanSelect,
      conflictWithScanId: true,
      list: { select: { id: true, name: true } },
      ticket: { select: { id: true, shortCode: true, holderName: true, ticketType: { select: { name: true } }, order: { select: { buyerName: true } } } },
    },
  });
  const page = rows.slice(0, input.limit);
  const admissions = await deps.db.scan.findMany({ where: { id: { in: page.map((row) => row.conflictWithScanId!) } }, select: conflictScanSelect });
  const admissionById = new Map(admissions.map((scan) => [scan.id, scan]));
  const last = page.at(-1);
  return {
    conflicts: page.flatMap((row) => {
      const admitted = admissionById.get(row.conflictWithScanId!);
      if (!admitted || !row.ticket) return [];
      return [
        {
          ticketId: row.ticket.id,
          shortCode: row.ticket.shortCode,
          holder: row.ticket.holderName ?? row.ticket.order.buyerName,
          ticketTypeName: row.ticket.ticketType.name,
          listId: row.list?.id ?? null,
          listName: row.list?.name ?? null,
          admitted: toConflictScan(admitted),
          doubleEntry: toConflictScan(row),
        },
      ];
    }),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.scannedAt, last.id) : null,
  };
}
