import { rateLimited } from "../rate-limit/rate-limited.ts";
import { openapi } from "../rest/meta.ts";
import { getAvailability } from "../services/booking/get-availability.ts";
import { ZAvailabilityInput, ZAvailabilityOutput } from "../services/booking/hold-schemas.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";

export const availabilityRouter = createTRPCRouter({
  get: publicProcedure
    .use(rateLimited("poll"))
    .meta(
      openapi({
        method: "GET",
        path: "/events/{eventId}/availability",
        operationId: "getAvailability",
        summary: "Counts per ticket type and seat states, with a version",
        tags: ["availability"],
      }),
    )
    .input(ZAvailabilityInput)
    .output(ZAvailabilityOutput)
    .query(({ ctx, input }) => getAvailability(ctx, input.eventId)),
});
