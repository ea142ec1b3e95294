import type { Prisma } from "@marquee/db";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { auditActorOf, recordAudit } from "../audit/record-audit.ts";
import { requireVenue } from "../venue/manage-venues.ts";
import { generateSeatMap, type TGeneratedMap } from "./generate-seats.ts";
import { refreshEventInventories } from "./refresh-inventory.ts";
import { type TSeatMapDocument, ZSeatMapDocument } from "./seat-map-document.ts";
import { seatMapHasSales, writeLayout } from "./write-layout.ts";

type Tx = Prisma.TransactionClient;
type TSeatMapCtx = Pick<Context, "db" | "redis" | "redisPrefix" | "clock" | "realtime" | "session" | "request">;

export const ZSaveSeatMapInput = z.object({
  organizationId: z.uuid(),
  /** Absent: a new map at `venueId`. */
  seatMapId: z.uuid().optional(),
  venueId: z.uuid().optional(),
  document: ZSeatMapDocument,
});
export type TSaveSeatMapInput = z.infer<typeof ZSaveSeatMapInput>;

export const ZSaveSeatMapOutput = z.object({
  seatMapId: z.uuid(),
  version: z.number().int(),
  /** True when the map had holds or sales: the save made a new version and events kept the old one. */
  newVersion: z.boolean(),
  previousSeatMapId: z.uuid().nullable(),
  seatCount: z.number().int(),
});
export type TSaveSeatMapOutput = z.infer<typeof ZSaveSeatMapOutput>;

// 20,000 seats go in as bulk inserts; allow them the time.
const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

/** Generates the seats, or refuses the document with every problem (each naming its section and row). */
export function generateOrRefuse(document: TSeatMapDocument): TGeneratedMap {
  const generated = generateSeatMap(document);
  const [first] = generated.issues;
  if (first) {
    const where = [first.section, first.row && `row ${first.row}`].filter(Boolean).join(", ");
    throw new AppError("VALIDATION_ERROR", `The seat map cannot be saved: ${where ? `${where}: ` : ""}${first.message}`, { issues: generated.issues });
  }
  return generated;
}

/**
 * Saves a seat map document. A new map is created at a venue. An existing map without holds or
 * sales is rewritten in place (its version number bumps, so cached layouts refresh); a map with
 * any hold or sale is never changed: the save becomes a new map linked to it, and the events on
 * the old one keep it. Only the newest version of a map can be saved (an older one: CONFLICT).
 */
export async function saveSeatMap(ctx: TSeatMapCtx, input: TSaveSeatMapInput, action: "save" | "import" = "save"): Promise<TSaveSeatMapOutput> {
  const { organizationId, document } = input;
  const generated = generateOrRefuse(document);
  if (!input.seatMapId) {
    if (!input.venueId) throw new AppError("VALIDATION_ERROR", "A new seat map needs a venue.");
    const venue = await requireVenue(ctx, organizationId, input.venueId);
    return ctx.db.$transaction(async (tx) => {
      const map = await createMap(tx, { organizationId, venueId: venue.id, version: 1, previousVersionId: null }, document, generated);
      await audit(tx, ctx, organizationId, action === "import" ? "seat-map.import" : "seat-map.create", map.id, { seats: generated.seatCount, version: 1 });
      return { seatMapId: map.id, version: 1, newVersion: false, previousSeatMapId: null, seatCount: generated.seatCount };
    }, TX_OPTIONS);
  }

  const seatMapId = input.seatMapId;
  const current = await ctx.db.seatMap.findFirst({ where: { id: seatMapId, organizationId }, select: { id: true } });
  if (!current) throw new AppError("NOT_FOUND", "Seat map not found.");
  const outcome = await ctx.db.$transaction(async (tx) => {
    // One save at a time per map; a newer version means this editor is out of date.
    await tx.$queryRaw`SELECT id FROM "SeatMap" WHERE id = ${seatMapId}::uuid FOR UPDATE`;
    const map = await tx.seatMap.findUniqueOrThrow({
      where: { id: seatMapId },
      select: { version: true, venueId: true, nextVersion: { select: { id: true } } },
    });
    if (map.nextVersion) throw new AppError("CONFLICT", "A newer version of this seat map exists; open that one.", { seatMapId: map.nextVersion.id });
    if (await seatMapHasSales(tx, seatMapId)) {
      const version = map.version + 1;
      const next = await createMap(tx, { organizationId, venueId: map.venueId, version, previousVersionId: seatMapId }, document, generated);
      await audit(tx, ctx, organizationId, "seat-map.version", next.id, { seats: generated.seatCount, version, previousSeatMapId: seatMapId, via: action });
      return { seatMapId: next.id, version, newVersion: true, previousSeatMapId: seatMapId, seatCount: generated.seatCount };
    }
    await rewriteInPlace(tx, seatMapId, document, generated);
    const version = map.version + 1;
    await tx.seatMap.update({
      where: { id: seatMapId },
      data: { name: document.name, width: generated.width, height: generated.height, document: document as Prisma.InputJsonValue, version },
    });
    await audit(tx, ctx, organizationId, "seat-map.update", seatMapId, { seats: generated.seatCount, version, via: action });
    return { seatMapId, version, newVersion: false, previousSeatMapId: null, seatCount: generated.seatCount };
  }, TX_OPTIONS);
  // Events already on this map (none with holds or sales) see the new seats and kills at once.
  if (!outcome.newVersion) await refreshEventInventories(ctx, { seatMapId });
  return outcome;
}

async function createMap(
  tx: Tx,
  where: { organizationId: string; venueId: string; version: number; previousVersionId: string | null },
  document: TSeatMapDocument,
  generated: TGeneratedMap,
) {
  const map = await tx.seatMap.create({
    data: { ...where, name: document.name, width: generated.width, height: generated.height, document: document as Prisma.InputJsonValue },
    select: { id: true },
  });
  const zoneIds = new Map<string, string>();
  for (const [sortOrder, zone] of document.priceZones.entries()) {
    const created = await tx.priceZone.create({ data: { seatMapId: map.id, name: zone.name, color: zone.color, sortOrder }, select: { id: true } });
    zoneIds.set(zone.name, created.id);
  }
  await writeLayout(tx, map.id, generated, zoneIds);
  return map;
}

/** Price zones are kept by name (ticket types sell them); sections, rows and seats are replaced. */
async function rewriteInPlace(tx: Tx, seatMapId: string, document: TSeatMapDocument, generated: TGeneratedMap): Promise<void> {
  const existing = await tx.priceZone.findMany({ where: { seatMapId }, select: { id: true, name: true, _count: { select: { ticketTypes: true } } } });
  const byName = new Map(existing.map((zone) => [zone.name.toLowerCase(), zone]));
  const wanted = new Set(document.priceZones.map((zone) => zone.name.toLowerCase()));
  const dropped = existing.filter((zone) => !wanted.has(zone.name.toLowerCase()));
  const sold = dropped.find((zone) => zone._count.ticketTypes > 0);
  if (sold) throw new AppError("CONFLICT", `Price zone "${sold.name}" is sold by ticket types; keep it or move those ticket types first.`, { zone: sold.name });

  await tx.section.deleteMany({ where: { seatMapId } });
  if (dropped.length) await tx.priceZone.deleteMany({ where: { id: { in: dropped.map((zone) => zone.id) } } });
  const zoneIds = new Map<string, string>();
  for (const [sortOrder, zone] of document.priceZones.entries()) {
    const found = byName.get(zone.name.toLowerCase());
    const saved = found
      ? await tx.priceZone.update({ where: { id: found.id }, data: { name: zone.name, color: zone.color, sortOrder }, select: { id: true } })
      : await tx.priceZone.create({ data: { seatMapId, name: zone.name, color: zone.color, sortOrder }, select: { id: true } });
    zoneIds.set(zone.name, saved.id);
  }
  await writeLayout(tx, seatMapId, generated, zoneIds);
}

export function audit(
  tx: Tx,
  ctx: Pick<Context, "session" | "request">,
  organizationId: string,
  action: string,
  seatMapId: string,
  data: Prisma.InputJsonValue,
) {
  return recordAudit(tx, { organizationId, actor: auditActorOf(ctx), action, targetType: "seat-map", targetId: seatMapId, data });
}
