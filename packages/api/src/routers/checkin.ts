import { listScannableEvents } from "../services/checkin/list-scannable-events.ts";
import { createTRPCRouter, doorStaffProcedure } from "../trpc.ts";

/** The door's procedures (the scanner), mounted as `checkin` there. */
export const doorCheckinRouter = createTRPCRouter({
  events: doorStaffProcedure.query(({ ctx }) => listScannableEvents(ctx, ctx.organization.id)),
});
