import { randomUUID } from "node:crypto";
import type { Prisma } from "@marquee/db";
import type { TGeneratedMap } from "./generate-seats.ts";

type Tx = Prisma.TransactionClient;

/**
 * Writes a generated map's sections, rows and seats under a seat map that has none (new, or just
 * cleared). Ids are made here so the three levels go in as three bulk inserts, not one per row.
 */
export async function writeLayout(tx: Tx, seatMapId: string, generated: TGeneratedMap, zoneIds: ReadonlyMap<string, string>): Promise<void> {
  const sections: Prisma.SectionCreateManyInput[] = [];
  const rows: Prisma.SeatRowCreateManyInput[] = [];
  const seats: Prisma.SeatCreateManyInput[] = [];
  generated.sections.forEach((section, sectionIndex) => {
    const sectionId = randomUUID();
    sections.push({ id: sectionId, seatMapId, name: section.name, kind: section.kind, sortOrder: sectionIndex, shape: section.shape });
    section.rows.forEach((row, rowIndex) => {
      const rowId = randomUUID();
      rows.push({ id: rowId, sectionId, label: row.label, sortOrder: rowIndex });
      for (const seat of row.seats) {
        seats.push({
          seatMapId,
          sectionId,
          rowId,
          priceZoneId: zoneIds.get(seat.zone)!,
          label: seat.label,
          x: seat.x,
          y: seat.y,
          accessible: seat.accessible,
          blocked: seat.blocked,
        });
      }
    });
  });
  await tx.section.createMany({ data: sections });
  await tx.seatRow.createMany({ data: rows });
  for (let start = 0; start < seats.length; start += 5_000) await tx.seat.createMany({ data: seats.slice(start, start + 5_000) });
}

/** Whether anything was ever held or sold on this map: then it is never changed, only versioned. */
export async function seatMapHasSales(tx: Tx, seatMapId: string): Promise<boolean> {
  // One transaction connection: the reads go one after the other.
  const hold = await tx.hold.findFirst({ where: { event: { seatMapId } }, select: { id: true } });
  if (hold) return true;
  return (await tx.orderLine.findFirst({ where: { OR: [{ event: { seatMapId } }, { seat: { seatMapId } }] }, select: { id: true } })) !== null;
}
