import { type Capability, roleCan } from "@marquee/api/permissions";
import { requireSessionUser } from "@marquee/ui/server/session";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";

/**
 * The one membership check of the `/orgs/[organizationId]` segment: the signed-in user must be on
 * the organisation's team, and (for a page that names one) hold the capability. Someone else's
 * organisation is a 404, exactly like one that does not exist, so ids cannot be probed. The layout
 * calls it, and so does every page (layouts are not re-run on client navigations); the procedures
 * check again on every call, so this is never the only check. A member whom the organisation's
 * two-factor policy covers and who has not enrolled goes to /account/security first.
 */
export const requireOrganization = cache(async (organizationId: string, capability?: Capability) => {
  const user = await requireSessionUser("admin");
  const membership = user.memberships.find((m) => m.organizationId === organizationId);
  if (!membership) notFound();
  if (capability && !roleCan(membership.role, capability)) forbidden();
  // The organisation's two-factor policy: a member it applies to without two-factor enrols first
  // (the session marks it; the organisation procedures refuse such a member with TWO_FACTOR_REQUIRED).
  if (membership.twoFactorMissing) redirect("/account/security");
  return { user, membership };
});

export { orgPath } from "./org-path.ts";
