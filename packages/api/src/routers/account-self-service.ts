import { z } from "zod";
import { rateLimited } from "../rate-limit/rate-limited.ts";
import { ZChangePasswordInput, changePassword } from "../services/account/change-password.ts";
import { ZDeleteAccountInput, deleteAccount } from "../services/account/delete-account.ts";
import { exportAccountData } from "../services/account/export-account-data.ts";
import { ZRequestPasswordResetInput, requestPasswordReset } from "../services/account/request-password-reset.ts";
import { ZResetPasswordInput, resetPassword } from "../services/account/reset-password.ts";
import { authedProcedure, publicProcedure } from "../trpc.ts";

// Per client address, on top of the per-address and per-account limits in the services.
const RESET_REQUEST_LIMITS = { perIp: 10, windowSeconds: 15 * 60 };
const RESET_USE_LIMITS = { perIp: 20, windowSeconds: 15 * 60 };

/** Forgot password, change password, download my data, delete my account (mounted in accountRouter). */
export const accountSelfServiceProcedures = {
  /** E-mails a reset link if the address has an account; the same answer either way. */
  requestPasswordReset: publicProcedure
    .use(rateLimited("password-reset-request", RESET_REQUEST_LIMITS))
    .input(ZRequestPasswordResetInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await requestPasswordReset(ctx, input);
      return { ok: true as const };
    }),
  /** A new password from a reset link (LINK_EXPIRED when it cannot be used); ends every session. */
  resetPassword: publicProcedure
    .use(rateLimited("password-reset-use", RESET_USE_LIMITS))
    .input(ZResetPasswordInput)
    .output(z.object({ email: z.string() }))
    .mutation(({ ctx, input }) => resetPassword(ctx, input)),
  /** A new password given the current one; ends every session (the page signs back in with it). */
  changePassword: authedProcedure.input(ZChangePasswordInput).mutation(({ ctx, input }) => changePassword(ctx, ctx.session.id, input)),
  /** Everything held about the signed-in user, as one JSON document. */
  exportData: authedProcedure.query(({ ctx }) => exportAccountData(ctx, ctx.session.id)),
  /** Deletes the signed-in user's account (orders stay with the organiser); ends every session. */
  deleteAccount: authedProcedure.input(ZDeleteAccountInput).mutation(({ ctx, input }) => deleteAccount(ctx, ctx.session.id, input)),
};
