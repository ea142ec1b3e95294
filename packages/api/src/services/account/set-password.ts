import type { Db } from "@marquee/db";
import { hashPassword } from "@marquee/db/password";
import { z } from "zod";
import { AppError } from "../../errors.ts";

export const ZSetPasswordInput = z.object({ password: z.string().min(10).max(200) });
export type TSetPasswordInput = z.infer<typeof ZSetPasswordInput>;

/**
 * A password for an account that has none (opened by e-mail link, or its password cleared when
 * the address was proven). Ends every session, this one included: the caller signs in again with
 * the new password. An account that has a password gets CONFLICT (changing it needs the current one).
 */
export async function setPassword(deps: { db: Db }, userId: string, input: TSetPasswordInput): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const { count } = await deps.db.user.updateMany({
    where: { id: userId, passwordHash: null, emailVerifiedAt: { not: null } },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
  if (count === 0) throw new AppError("CONFLICT", "This account already has a password.");
}
