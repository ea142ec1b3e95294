import { z } from "zod";
import type { Context } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { documentFromLayout } from "./document-from-layout.ts";
import { audit } from "./save-seat-map.ts";
import { type TSeatMapDocument, ZSeatMapDocument } from "./seat-map-document.ts";
import { seatMapHasSales } from "./write-layout.ts";

export const ZSeatMapSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  venue: z.object({ id: z.uuid(), name: z.string() }),
  seatCount: z.number().int(),
  eventCount: z.number().int(),
  /** Drawn in the editor (a stored document); others open in the editor only when their seats form regular rows. */
  drawnInEditor: z.boolean(),
  updatedAt: z.date(),
});

export const ZListSeatMapsInput = z.object({
  organizationId: z.uuid(),
  venueId: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.uuid().optional(),
});

/** The newest version of each of the organisation's maps, by name, a page at a time. */
export async function listSeatMaps(ctx: Pick<Context, "db">, input: z.infer<typeof ZListSeatMapsInput>) {
  // A venue filter names one of the organisation's venues: another organisation's is NOT_FOUND, not an empty page.
  if (input.venueId && !(await ctx.db.venue.findFirst({ where: { id: input.venueId, organizationId: input.organizationId }, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", "Venue not found.");
  }
  const maps = await ctx.db.seatMap.findMany({
    where: { organizationId: input.organizationId, nextVersion: null, ...(input.venueId ? { venueId: input.venueId } : {}) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      name: true,
      version: true,
      updatedAt: true,
      document: true,
      venue: { select: { id: true, name: true } },
      _count: { select: { seats: true, events: true } },
    },
  });
  const page = maps.slice(0, input.limit);
  return {
    seatMaps: page.map(({ _count, document, ...map }) => ({ ...map, seatCount: _count.seats, eventCount: _count.events, drawnInEditor: document !== null })),
    nextCursor: maps.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

export const ZSeatMapDetail = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  venue: z.object({ id: z.uuid(), name: z.string() }),
  seatCount: z.number().int(),
  /** The stored document, or one recovered from regular rows (the demo theatre); null: not a layout the editor draws. */
  document: ZSeatMapDocument.nullable(),
  /** Holds or sales exist: the next save makes a new version. */
  hasSales: z.boolean(),
  events: z.array(z.object({ id: z.uuid(), name: z.string(), status: z.string() })),
  previousSeatMapId: z.uuid().nullable(),
  nextSeatMapId: z.uuid().nullable(),
});

/** One map of the organisation for the editor; another organisation's id is NOT_FOUND. */
export async function getSeatMapDetail(ctx: Pick<Context, "db">, organizationId: string, seatMapId: string): Promise<z.infer<typeof ZSeatMapDetail>> {
  const map = await ctx.db.seatMap.findFirst({
    where: { id: seatMapId, organizationId },
    select: {
      id: true,
      name: true,
      version: true,
      document: true,
      previousVersionId: true,
      nextVersion: { select: { id: true } },
      venue: { select: { id: true, name: true } },
      events: { select: { id: true, name: true, status: true }, orderBy: { startsAt: "desc" }, take: 20 },
      _count: { select: { seats: true } },
    },
  });
  if (!map) throw new AppError("NOT_FOUND", "Seat map not found.");
  const document = await documentOf(ctx, map);
  return {
    id: map.id,
    name: map.name,
    version: map.version,
    venue: map.venue,
    seatCount: map._count.seats,
    document,
    hasSales: await ctx.db.$transaction((tx) => seatMapHasSales(tx, map.id)),
    events: map.events,
    previousSeatMapId: map.previousVersionId,
    nextSeatMapId: map.nextVersion?.id ?? null,
  };
}

/** The map's document as JSON (what import takes back); audited, since it leaves the console. */
export async function exportSeatMap(ctx: Pick<Context, "db" | "session" | "request">, organizationId: string, seatMapId: string): Promise<TSeatMapDocument> {
  const map = await ctx.db.seatMap.findFirst({ where: { id: seatMapId, organizationId }, select: { id: true, name: true, document: true } });
  if (!map) throw new AppError("NOT_FOUND", "Seat map not found.");
  const document = await documentOf(ctx, map);
  if (!document) throw new AppError("CONFLICT", "This seat map is not a layout the editor can describe, so it has no document to export.");
  await ctx.db.$transaction((tx) => audit(tx, ctx, organizationId, "seat-map.export", map.id, { sections: document.sections.length }));
  return document;
}

/** The stored document, else one recovered from the seats (maps made before the editor), else null. */
async function documentOf(ctx: Pick<Context, "db">, map: { id: string; name: string; document: unknown }): Promise<TSeatMapDocument | null> {
  const stored = ZSeatMapDocument.safeParse(map.document);
  if (stored.success) return stored.data;
  const layout = await ctx.db.seatMap.findUniqueOrThrow({
    where: { id: map.id },
    select: {
      priceZones: { orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true, color: true } },
      sections: {
        orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
        select: {
          name: true,
          kind: true,
          rows: {
            orderBy: [{ sortOrder: "asc" }, { label: "asc" }],
            select: { label: true, seats: { select: { label: true, x: true, y: true, accessible: true, blocked: true, priceZoneId: true } } },
          },
        },
      },
    },
  });
  const zoneNames = new Map(layout.priceZones.map((zone) => [zone.id, zone.name]));
  return documentFromLayout(
    map.name,
    layout.priceZones.map(({ name, color }) => ({ name, color })),
    layout.sections.map((section) => ({
      ...section,
      rows: section.rows.map((row) => ({
        label: row.label,
        seats: row.seats.map(({ priceZoneId, ...seat }) => ({ ...seat, zone: zoneNames.get(priceZoneId) ?? "" })),
      })),
    })),
  );
}
