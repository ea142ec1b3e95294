import type { TeamRole } from "@marquee/db";
import { AppError } from "./errors.ts";

// Who may do what inside an organisation. Owners and admins may do everything; the other roles
// get exactly their job. Procedures name a capability, never a list of roles.
export const CAPABILITIES = {
  "organization.manage": ["OWNER", "ADMIN"],
  // Every role: who am I, in which organisation (getCurrentOrganization, the console's header).
  "organization.view": ["OWNER", "ADMIN", "BOX_OFFICE", "SUPPORT_AGENT", "DOOR_STAFF"],
  "team.manage": ["OWNER", "ADMIN"],
  "event.manage": ["OWNER", "ADMIN"],
  "event.view": ["OWNER", "ADMIN", "BOX_OFFICE", "SUPPORT_AGENT"],
  "order.manage": ["OWNER", "ADMIN", "BOX_OFFICE"],
  "order.view": ["OWNER", "ADMIN", "BOX_OFFICE", "SUPPORT_AGENT"],
  "refund.create": ["OWNER", "ADMIN", "BOX_OFFICE"],
  // Selling at the door (the console's box office): cash or an external card terminal.
  "boxoffice.sell": ["OWNER", "ADMIN", "BOX_OFFICE"],
  "checkin.scan": ["OWNER", "ADMIN", "BOX_OFFICE", "DOOR_STAFF"],
  // A supervisor scanner: search attendees by name, override a verdict with a reason, every gate.
  "checkin.supervise": ["OWNER", "ADMIN", "BOX_OFFICE"],
  "device.manage": ["OWNER", "ADMIN"],
  "support.answer": ["OWNER", "ADMIN", "SUPPORT_AGENT"],
  // Webhook endpoints: their URLs, secrets and delivery log.
  "webhook.manage": ["OWNER", "ADMIN"],
} as const satisfies Record<string, readonly TeamRole[]>;

export type Capability = keyof typeof CAPABILITIES;

export const roleCan = (role: TeamRole, capability: Capability): boolean => (CAPABILITIES[capability] as readonly TeamRole[]).includes(role);

/** Who is asking: a session's memberships (a console user's, or an API token's one). */
interface TMembershipsOf {
  memberships: readonly { organizationId: string; role: TeamRole; twoFactorMissing?: boolean }[];
}

/**
 * The caller's membership of the organisation when its role has the capability; FORBIDDEN
 * otherwise, the same answer whether the organisation exists or not (no probing other tenants),
 * and TWO_FACTOR_REQUIRED while the organisation's policy asks two-factor of the role and the
 * caller has not turned it on (the pages send them to enrol; the API refuses them too).
 */
export function requireCapability<T extends TMembershipsOf>(session: T, organizationId: string, capability: Capability): T["memberships"][number] {
  const membership = session.memberships.find((m) => m.organizationId === organizationId);
  if (!membership || !roleCan(membership.role, capability)) throw new AppError("FORBIDDEN", "You do not have access to this organisation.");
  if (membership.twoFactorMissing) {
    throw new AppError("TWO_FACTOR_REQUIRED", "This organisation requires two-factor sign-in for your role. Turn it on under Account security.");
  }
  return membership;
}
