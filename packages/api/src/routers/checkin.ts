import { auditActorOf } from "../services/audit/record-audit.ts";
import { ZPairDeviceOutput, ZRegisterDeviceInput } from "../services/checkin/checkin-schemas.ts";
import { registerDevice } from "../services/checkin/devices/register-device.ts";
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
  /** A signed-in member registers this phone as their own scanner: the answer's credential is then used like a paired device's. */
  registerDevice: doorStaffProcedure
    .input(ZRegisterDeviceInput)
    .output(ZPairDeviceOutput)
    .mutation(({ ctx, input }) => {
      const { organizationId, ...device } = input;
      return registerDevice(ctx, { organizationId, role: ctx.organization.role, actor: { ...auditActorOf(ctx), userId: ctx.session.id } }, device);
    }),
});
