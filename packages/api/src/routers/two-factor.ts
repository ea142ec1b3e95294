import { auditActorOf } from "../services/audit/record-audit.ts";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, twoFactorStatus } from "../services/two-factor/two-factor-enrolment.ts";
import {
  ZBeginEnrolmentOutput,
  ZConfirmEnrolmentInput,
  ZConfirmEnrolmentOutput,
  ZDisableTwoFactorInput,
  ZTwoFactorStatusOutput,
} from "../services/two-factor/two-factor-schemas.ts";
import { authedProcedure, createTRPCRouter } from "../trpc.ts";

/** The signed-in console user's own two-factor sign-in (the Security page). */
export const twoFactorRouter = createTRPCRouter({
  status: authedProcedure.output(ZTwoFactorStatusOutput).query(({ ctx }) => twoFactorStatus(ctx, ctx.session.id)),
  /** A new secret as a QR code and text, shown once; not on until confirmed with a code. */
  beginEnrolment: authedProcedure.output(ZBeginEnrolmentOutput).mutation(({ ctx }) => beginEnrolment(ctx, ctx.session)),
  /** On, with 10 recovery codes shown this once. */
  confirmEnrolment: authedProcedure
    .input(ZConfirmEnrolmentInput)
    .output(ZConfirmEnrolmentOutput)
    .mutation(({ ctx, input }) => confirmEnrolment(ctx, ctx.session, auditActorOf(ctx), input.code)),
  /** Off, with a current code (or a recovery code) or the password. */
  disable: authedProcedure.input(ZDisableTwoFactorInput).mutation(async ({ ctx, input }) => {
    await disableTwoFactor(ctx, ctx.session, auditActorOf(ctx), input);
  }),
});
