import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";

/** The signed-in user's own profile (whether a password is set, never the hash), their teams and how many orders they have. */
export async function getAccount(deps: { db: Db }, userId: string) {
  const user = await deps.db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      marketingOptIn: true,
      platformRole: true,
      createdAt: true,
      passwordHash: true,
      memberships: { select: { role: true, organization: { select: { id: true, name: true, slug: true } } } },
      _count: { select: { orders: true } },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", "Account not found.");
  const { _count, memberships, passwordHash, ...profile } = user;
  return { ...profile, hasPassword: passwordHash !== null, orderCount: _count.orders, teams: memberships.map((m) => ({ ...m.organization, role: m.role })) };
}
