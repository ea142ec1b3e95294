import { z } from "zod";
import type { Context } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { auditActorOf, recordAudit } from "../audit/record-audit.ts";

type TVenueCtx = Pick<Context, "db" | "session" | "request">;

export const ZVenueFields = z.object({
  name: z.string().trim().min(1).max(120),
  address: z.string().trim().max(200).nullable().default(null),
  city: z.string().trim().min(1).max(80),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "A country is its two-letter ISO code.")
    .transform((code) => code.toUpperCase()),
  timezone: z
    .string()
    .max(64)
    .refine((zone) => Intl.supportedValuesOf("timeZone").includes(zone) || zone === "UTC", "Unknown time zone.")
    .default("Europe/Berlin"),
  capacity: z.number().int().min(1).max(1_000_000).nullable().default(null),
});
export type TVenueFields = z.infer<typeof ZVenueFields>;

export const ZVenueOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
  city: z.string(),
  country: z.string(),
  timezone: z.string(),
  capacity: z.number().int().nullable(),
  seatMapCount: z.number().int(),
  eventCount: z.number().int(),
});
export type TVenueOutput = z.infer<typeof ZVenueOutput>;

const venueSelect = {
  id: true,
  name: true,
  address: true,
  city: true,
  country: true,
  timezone: true,
  capacity: true,
  _count: { select: { seatMaps: true, events: true } },
} as const;
type TVenueRow = { _count: { seatMaps: number; events: number } } & Omit<TVenueOutput, "seatMapCount" | "eventCount">;
const toOutput = ({ _count, ...venue }: TVenueRow): TVenueOutput => ({ ...venue, seatMapCount: _count.seatMaps, eventCount: _count.events });

/** The organisation's venues by name, a page at a time (cursor: the last id seen). */
export async function listVenues(ctx: TVenueCtx, input: { organizationId: string; limit: number; cursor?: string | undefined }) {
  const venues = await ctx.db.venue.findMany({
    where: { organizationId: input.organizationId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: venueSelect,
  });
  const page = venues.slice(0, input.limit);
  return { venues: page.map(toOutput), nextCursor: venues.length > input.limit ? page[page.length - 1]!.id : null };
}

/** One venue of the organisation; another organisation's id is NOT_FOUND. */
export async function requireVenue(ctx: Pick<Context, "db">, organizationId: string, venueId: string) {
  const venue = await ctx.db.venue.findFirst({ where: { id: venueId, organizationId }, select: venueSelect });
  if (!venue) throw new AppError("NOT_FOUND", "Venue not found.");
  return toOutput(venue);
}

export async function createVenue(ctx: TVenueCtx, organizationId: string, fields: TVenueFields): Promise<TVenueOutput> {
  return ctx.db.$transaction(async (tx) => {
    const venue = await tx.venue.create({ data: { organizationId, ...fields }, select: venueSelect });
    await recordAudit(tx, {
      organizationId,
      actor: auditActorOf(ctx),
      action: "venue.create",
      targetType: "venue",
      targetId: venue.id,
      data: { name: venue.name },
    });
    return toOutput(venue);
  });
}

export async function updateVenue(ctx: TVenueCtx, organizationId: string, venueId: string, fields: Partial<TVenueFields>): Promise<TVenueOutput> {
  const before = await requireVenue(ctx, organizationId, venueId);
  return ctx.db.$transaction(async (tx) => {
    const venue = await tx.venue.update({ where: { id: venueId }, data: fields, select: venueSelect });
    const changed = Object.keys(fields).filter((key) => before[key as keyof TVenueFields] !== fields[key as keyof TVenueFields]);
    await recordAudit(tx, { organizationId, actor: auditActorOf(ctx), action: "venue.update", targetType: "venue", targetId: venueId, data: { changed } });
    return toOutput(venue);
  });
}

/** A venue with events cannot go (their tickets name it); its seat maps go with it otherwise. */
export async function deleteVenue(ctx: TVenueCtx, organizationId: string, venueId: string): Promise<{ deleted: true }> {
  const venue = await requireVenue(ctx, organizationId, venueId);
  if (venue.eventCount > 0) throw new AppError("CONFLICT", `This venue has ${venue.eventCount} event(s); move or delete them first.`);
  await ctx.db.$transaction(async (tx) => {
    await tx.venue.delete({ where: { id: venueId } });
    await recordAudit(tx, {
      organizationId,
      actor: auditActorOf(ctx),
      action: "venue.delete",
      targetType: "venue",
      targetId: venueId,
      data: { name: venue.name },
    });
  });
  return { deleted: true };
}
