import { z } from "zod";
import { ZVenueFields, ZVenueOutput, createVenue, deleteVenue, listVenues, requireVenue, updateVenue } from "../services/venue/manage-venues.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";

const ZVenueId = z.object({ venueId: z.uuid() });

/** Venues of an organisation (console): anyone who sees events reads them; event managers change them. */
export const venueRouter = createTRPCRouter({
  list: organizationProcedure("event.view")
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50), cursor: z.uuid().optional() }))
    .output(z.object({ venues: z.array(ZVenueOutput), nextCursor: z.uuid().nullable() }))
    .query(({ ctx, input }) => listVenues(ctx, input)),
  get: organizationProcedure("event.view")
    .input(ZVenueId)
    .output(ZVenueOutput)
    .query(({ ctx, input }) => requireVenue(ctx, input.organizationId, input.venueId)),
  create: organizationProcedure("event.manage")
    .input(ZVenueFields)
    .output(ZVenueOutput)
    .mutation(({ ctx, input: { organizationId, ...fields } }) => createVenue(ctx, organizationId, fields)),
  update: organizationProcedure("event.manage")
    .input(ZVenueId.extend({ fields: ZVenueFields.partial() }))
    .output(ZVenueOutput)
    .mutation(({ ctx, input }) => updateVenue(ctx, input.organizationId, input.venueId, input.fields)),
  delete: organizationProcedure("event.manage")
    .input(ZVenueId)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteVenue(ctx, input.organizationId, input.venueId)),
});
