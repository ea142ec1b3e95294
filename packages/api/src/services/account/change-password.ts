import { hashPassword } from "@marquee/db/password";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { type TCurrentPasswordDeps, assertCurrentPassword } from "./current-password.ts";
import { ZNewPassword } from "./password-reset-token.ts";

export const ZChangePasswordInput = z.object({ currentPassword: z.string().min(1).max(200), newPassword: ZNewPassword });
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

/**
 * A new password in place of the current one, which the caller must give. Every session ends
 * (sessionVersion), and with the old password every unused reset link (their password stamp no
 * longer matches); the page signs its own browser straight back in with the new password, so
 * only the other sessions stay ended. A concurrent change wins: this one is then CONFLICT.
 */
export async function changePassword(deps: TCurrentPasswordDeps, userId: string, input: TChangePasswordInput): Promise<void> {
  const currentHash = await assertCurrentPassword(deps, userId, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  const { count } = await deps.db.user.updateMany({
    where: { id: userId, passwordHash: currentHash },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
  if (count === 0) throw new AppError("CONFLICT", "The password was changed meanwhile. Reload the page and try again.");
}
