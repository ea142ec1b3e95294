import { listScannableEvents } from "../services/checkin/list-scannable-events.ts";
import { verifyTicket, ZVerifyTicketInputSchema, ZVerifyTicketOutputSchema } from "../services/checkin/verify-ticket.ts";
import { createTRPCRouter, doorStaffProcedure } from "../trpc.ts";

/** The door's procedures (the scanner), mounted as `checkin` there. */
export const doorCheckinRouter = createTRPCRouter({
  events: doorStaffProcedure.query(({ ctx }) => listScannableEvents(ctx, ctx.organization.id)),
  /** Checks one code online: signature, event, window, revocation, and TRANSFERRED for a transferred ticket's old code. */
  verify: doorStaffProcedure
    .input(ZVerifyTicketInputSchema)
    .output(ZVerifyTicketOutputSchema)
    .query(({ ctx, input }) => verifyTicket(ctx, ctx.organization.id, input)),
});
