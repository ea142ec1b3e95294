import { randomUUID } from "node:crypto";
import type { Prisma } from "@marquee/db";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { refreshEventInventories } from "./refresh-inventory.ts";
import { audit } from "./save-seat-map.ts";

export const ZCopySeatMapInput = z.object({
  organizationId: z.uuid(),
  seatMapId: z.uuid(),
  /** The event that gets the copy (it must have no holds or sales yet); absent: just a copy. */
  eventId: z.uuid().optional(),
  name: z.string().trim().min(1).max(80).optional(),
});
export type TCopySeatMapInput = z.infer<typeof ZCopySeatMapInput>;
export const ZCopySeatMapOutput = z.object({ seatMapId: z.uuid(), eventId: z.uuid().nullable(), seatCount: z.number().int() });

/**
 * "Copy to a new event" in one action: the event gets its own copy of the map (sections, rows,
 * seats, zones; the editor's document too), and its ticket types move to the copy's zones of the
 * same name. Later edits to either map never reach the other.
 */
export async function copySeatMap(ctx: Pick<Context, "db" | "redis" | "redisPrefix" | "clock" | "realtime" | "session" | "request">, input: TCopySeatMapInput) {
  const { organizationId } = input;
  const source = await ctx.db.seatMap.findFirst({
    where: { id: input.seatMapId, organizationId },
    include: { priceZones: true, sections: { include: { rows: { include: { seats: true } } } } },
  });
  if (!source) throw new AppError("NOT_FOUND", "Seat map not found.");
  const event = input.eventId
    ? await ctx.db.event.findFirst({
        where: { id: input.eventId, organizationId },
        select: { id: true, name: true, venueId: true, seatMapId: true, _count: { select: { holds: true, orderLines: true } } },
      })
    : null;
  if (input.eventId && !event) throw new AppError("NOT_FOUND", "Event not found.");
  if (event && event._count.holds + event._count.orderLines > 0)
    throw new AppError("CONFLICT", "This event already has holds or sales; its seat map cannot be replaced.");
  if (event && event.venueId !== source.venueId) throw new AppError("VALIDATION_ERROR", "The event is at another venue than this seat map.");

  const result = await ctx.db.$transaction(
    async (tx) => {
      const copy = await tx.seatMap.create({
        data: {
          organizationId,
          venueId: source.venueId,
          name: input.name ?? (event ? `${source.name} — ${event.name}`.slice(0, 80) : `${source.name} (copy)`.slice(0, 80)),
          width: source.width,
          height: source.height,
          document: (source.document ?? undefined) as Prisma.InputJsonValue | undefined,
        },
        select: { id: true },
      });
      const zoneIds = new Map(source.priceZones.map((zone) => [zone.id, randomUUID()]));
      await tx.priceZone.createMany({
        data: source.priceZones.map(({ id, seatMapId: _, translations, ...zone }) => ({
          ...zone,
          id: zoneIds.get(id)!,
          seatMapId: copy.id,
          translations: translations as Prisma.InputJsonValue,
        })),
      });
      const sections: Prisma.SectionCreateManyInput[] = [];
      const rows: Prisma.SeatRowCreateManyInput[] = [];
      const seats: Prisma.SeatCreateManyInput[] = [];
      for (const section of source.sections) {
        const sectionId = randomUUID();
        sections.push({
          id: sectionId,
          seatMapId: copy.id,
          name: section.name,
          kind: section.kind,
          sortOrder: section.sortOrder,
          shape: (section.shape ?? undefined) as Prisma.InputJsonValue | undefined,
          translations: section.translations as Prisma.InputJsonValue,
        });
        for (const row of section.rows) {
          const rowId = randomUUID();
          rows.push({ id: rowId, sectionId, label: row.label, sortOrder: row.sortOrder });
          for (const { id: _id, seatMapId: _map, sectionId: _section, rowId: _row, priceZoneId, ...seat } of row.seats)
            seats.push({ ...seat, seatMapId: copy.id, sectionId, rowId, priceZoneId: zoneIds.get(priceZoneId)! });
        }
      }
      await tx.section.createMany({ data: sections });
      await tx.seatRow.createMany({ data: rows });
      for (let start = 0; start < seats.length; start += 5_000) await tx.seat.createMany({ data: seats.slice(start, start + 5_000) });

      if (event) {
        // Ticket types follow their zone by name (a zone the copy lacks leaves the type unzoned).
        const oldZones = event.seatMapId ? await tx.priceZone.findMany({ where: { seatMapId: event.seatMapId }, select: { id: true, name: true } }) : [];
        const newZoneByName = new Map(source.priceZones.map((zone) => [zone.name, zoneIds.get(zone.id)!]));
        for (const zone of oldZones)
          await tx.ticketType.updateMany({ where: { eventId: event.id, priceZoneId: zone.id }, data: { priceZoneId: newZoneByName.get(zone.name) ?? null } });
        await tx.event.update({ where: { id: event.id }, data: { seatMapId: copy.id, seatingMode: "RESERVED" } });
      }
      await audit(tx, ctx, organizationId, "seat-map.copy", copy.id, { sourceSeatMapId: source.id, eventId: event?.id ?? null, seats: seats.length });
      return { seatMapId: copy.id, eventId: event?.id ?? null, seatCount: seats.length };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  if (event) await refreshEventInventories(ctx, { eventId: event.id });
  return result;
}
