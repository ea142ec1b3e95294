import type { Capability } from "@marquee/api/permissions";

/**
 * The console's areas inside an organisation, in menu order. A member sees the areas their role's
 * capability allows (door staff see none of these: they work in the check-in app). Later areas
 * slot in here: scanner devices ("device.manage") and the sales tools (waiting list, dynamic
 * pricing, webhooks).
 */
export interface TNavItem {
  /** Path below /orgs/[organizationId]. */
  path: string;
  label: string;
  capability: Capability;
  /** A number beside the label: the inbox's open conversations. */
  count?: "inbox-open";
}

export const NAV_ITEMS: readonly TNavItem[] = [
  { path: "/dashboard", label: "Dashboard", capability: "event.view" },
  { path: "/events", label: "Events", capability: "event.view" },
  { path: "/seat-maps", label: "Seat maps", capability: "event.manage" },
  { path: "/orders", label: "Orders", capability: "order.view" },
  { path: "/box-office", label: "Box office", capability: "boxoffice.sell" },
  { path: "/inbox", label: "Inbox", capability: "support.answer", count: "inbox-open" },
  { path: "/exports", label: "Exports", capability: "order.manage" },
  { path: "/team", label: "Team", capability: "team.manage" },
  { path: "/api-tokens", label: "API tokens", capability: "organization.manage" },
  { path: "/audit", label: "Audit log", capability: "organization.manage" },
  { path: "/settings", label: "Settings", capability: "organization.manage" },
  { path: "/webhooks", label: "Webhooks", capability: "webhook.manage" },
];
