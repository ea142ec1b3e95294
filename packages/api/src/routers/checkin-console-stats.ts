import { AppError } from "../errors.ts";
import { openapi } from "../rest/meta.ts";
import { ZCheckinStats, ZConflictsInput, ZConflictsPage } from "../services/checkin/checkin-schemas.ts";
import { checkinStats } from "../services/checkin/stats/checkin-stats.ts";
import { listConflicts } from "../services/checkin/stats/list-conflicts.ts";
import { organizationProcedure } from "../trpc.ts";
import { z } from "zod";

// Door check-in in the console: live progress and double entries (adminRouter.checkin, with
// checkin-console.ts). The contract is services/checkin/checkin-schemas.ts.

const view = organizationProcedure("event.view");
const tags = ["checkin"];

/** Procedures of adminRouter.checkin: stats, conflicts. */
export const checkinStatsProcedures = {
  stats: view
    .meta(
      openapi({
        method: "GET",
        path: "/organization/events/{eventId}/checkin/stats",
        operationId: "getCheckinStats",
        summary: "Check-in progress per list and gate",
        tags,
      }),
    )
    .input(z.object({ eventId: z.uuid() }))
    .output(ZCheckinStats)
    .query(async ({ ctx, input }) => {
      const event = await ctx.db.event.findFirst({ where: { id: input.eventId, organizationId: ctx.organization.id }, select: { id: true } });
      if (!event) throw new AppError("NOT_FOUND", "Event not found.");
      return checkinStats(ctx, { eventIds: [event.id] });
    }),
  conflicts: view
    .meta(
      openapi({
        method: "GET",
        path: "/organization/events/{eventId}/checkin/conflicts",
        operationId: "listCheckinConflicts",
        summary: "Double entries: both scans of each, newest first",
        tags,
      }),
    )
    .input(ZConflictsInput)
    .output(ZConflictsPage)
    .query(({ ctx, input }) => listConflicts(ctx, ctx.organization.id, input)),
};
