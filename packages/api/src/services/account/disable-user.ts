import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";

/**
 * Disables an account (platform administrators): it cannot sign in, its links are refused, and
 * every session ends in the same statement. Disabling twice keeps the first date.
 */
export async function disableUser(deps: { db: Db; clock: { now(): Date } }, userId: string): Promise<void> {
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
  if (!user) throw new AppError("NOT_FOUND", "Account not found.");
  await deps.db.user.update({ where: { id: userId }, data: { disabledAt: user.disabledAt ?? deps.clock.now(), sessionVersion: { increment: 1 } } });
}
