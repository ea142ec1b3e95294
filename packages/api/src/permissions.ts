import type { TeamRole } from "@marquee/db";

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
  "device.manage": ["OWNER", "ADMIN"],
  "support.answer": ["OWNER", "ADMIN", "SUPPORT_AGENT"],
} as const satisfies Record<string, readonly TeamRole[]>;

export type Capability = keyof typeof CAPABILITIES;

export const roleCan = (role: TeamRole, capability: Capability): boolean => (CAPABILITIES[capability] as readonly TeamRole[]).includes(role);
