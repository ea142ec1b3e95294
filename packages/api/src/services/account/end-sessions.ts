import type { Db, Prisma } from "@marquee/db";

/** A client or an open transaction: callers bump the version in the transaction of their change. */
export type TDbOrTx = Db | Prisma.TransactionClient;

/**
 * Ends every session of the user: JWTs carry the session version they were issued under, and
 * every request compares it with the user's (session.ts), so a moved version refuses them all,
 * copies included. Answers the new version.
 */
export async function endAllSessions(db: TDbOrTx, userId: string): Promise<number> {
  const user = await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } });
  return user.sessionVersion;
}

/**
 * Sign-out: retires the version the signing-out cookie carries. A cookie already out of date
 * changes nothing, so an old copy cannot keep signing the user out of their new sessions.
 */
export async function endSessionsOf(deps: { db: Db }, userId: string, sessionVersion: number): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return false;
  const { count } = await deps.db.user.updateMany({ where: { id: userId, sessionVersion }, data: { sessionVersion: { increment: 1 } } });
  return count === 1;
}
