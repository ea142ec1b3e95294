import type { TeamRole, TwoFactorPolicy } from "@marquee/db";

/** Whether an organisation's policy asks two-factor of a member with this role. */
export const policyRequires = (policy: TwoFactorPolicy, role: TeamRole) =>
  (policy === "OWNERS" && role === "OWNER") || (policy === "OWNERS_AND_ADMINS" && (role === "OWNER" || role === "ADMIN"));
