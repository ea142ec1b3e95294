import { z } from "zod";
import { AppError } from "../../errors.ts";
import { type TCurrentPasswordDeps, assertCurrentPassword } from "./current-password.ts";

export const ZDeleteAccountInput = z.object({
  /** The account's e-mail address, retyped by the buyer. */
  confirmEmail: z.string().trim().max(320),
  /** Required when the account has a password. */
  password: z.string().max(200).optional(),
});
export type TDeleteAccountInput = z.infer<typeof ZDeleteAccountInput>;

/** What stays of a requester in an organiser's conversation about an order once their account is gone. */
export const DELETED_REQUESTER_EMAIL = "deleted-account@marquee.invalid";

/**
 * Deletes the signed-in user's account. The buyer retypes their address and, when the account has
 * a password, gives it (a borrowed session alone cannot delete). The sole owner of an
 * organisation is refused (CONFLICT): hand the organisation over first.
 *
 * Removed: the User row with its name, address, password and memberships, its password reset
 * links and pending sign-in links; every session ends with it (a JWT whose user is gone is no
 * session), and the address is free to sign up again. Support conversations they started are
 * deleted, except those about an order, which stay in the organiser's inbox with the requester
 * anonymised. Kept: the orders, unlinked from the account, with the buyer name and e-mail they
 * were placed with, their tickets and invoices (the organiser's books: invoices must name the
 * buyer and be kept for years).
 */
export async function deleteAccount(deps: TCurrentPasswordDeps & { clock: { now(): Date } }, userId: string, input: TDeleteAccountInput) {
  const user = await deps.db.user.findUnique({
    where: { id: userId },
    select: {
      email: true,
      passwordHash: true,
      memberships: { where: { role: "OWNER" }, select: { organizationId: true, organization: { select: { name: true } } } },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", "Account not found.");
  if (input.confirmEmail.toLowerCase() !== user.email) {
    throw new AppError("VALIDATION_ERROR", "Type the account's e-mail address to confirm.", { field: "confirmEmail" });
  }
  if (user.passwordHash) await assertCurrentPassword(deps, userId, input.password ?? "");
  const soleOwned = [];
  for (const membership of user.memberships) {
    const owners = await deps.db.membership.count({ where: { organizationId: membership.organizationId, role: "OWNER" } });
    if (owners < 2) soleOwned.push(membership.organization.name);
  }
  if (soleOwned.length > 0) {
    throw new AppError("CONFLICT", `You are the only owner of ${soleOwned.join(", ")}: add another owner first.`, { organizations: soleOwned });
  }

  const keptOrders = await deps.db.$transaction(async (tx) => {
    const mine = { OR: [{ requesterId: userId }, { requesterEmail: user.email }] };
    await tx.supportConversation.deleteMany({ where: { ...mine, orderId: null } });
    await tx.supportConversation.updateMany({ where: mine, data: { requesterId: null, requesterName: null, requesterEmail: DELETED_REQUESTER_EMAIL } });
    await tx.verificationToken.deleteMany({ where: { identifier: user.email } });
    const orders = await tx.order.count({ where: { userId } });
    // Orders, carts, messages, scans and audit entries lose the link (ON DELETE SET NULL);
    // memberships and reset links go with the row (CASCADE).
    await tx.user.delete({ where: { id: userId } });
    await tx.auditLog.create({ data: { actorKind: "user", action: "account.delete", targetType: "user", targetId: userId, data: { keptOrders: orders } } });
    return orders;
  });
  return { keptOrders };
}
