import { listScannableEvents } from "../services/checkin/list-scannable-events.ts";
import { createTRPCRouter, doorStaffProcedure } from "../trpc.ts";

export const checkinRouter = createTRPCRouter({
  events: doorStaffProcedure.query(({ ctx }) => listScannableEvents(ctx, ctx.organization.id)),
});
