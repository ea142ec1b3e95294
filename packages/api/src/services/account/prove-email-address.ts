import type { Db } from "@marquee/db";

/**
 * The owner of the address followed an e-mailed link. The first proof also clears a password set
 * before it and ends every session: an account someone opened with another person's address
 * (account.signUp proves nothing) keeps neither the squatter's password nor their sessions.
 * Answers whether this was the first proof.
 */
export async function proveEmailAddress(deps: { db: Db }, userId: string, at: Date): Promise<boolean> {
  const { count } = await deps.db.user.updateMany({
    where: { id: userId, emailVerifiedAt: null },
    data: { emailVerifiedAt: at, passwordHash: null, sessionVersion: { increment: 1 } },
  });
  return count === 1;
}
