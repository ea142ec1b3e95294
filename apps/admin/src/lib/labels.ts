import type { AdminRouterOutputs } from "@marquee/api";

// Display names for the console's enums (dates and numbers: @marquee/ui/format).
type TeamRole = AdminRouterOutputs["account"]["me"]["teams"][number]["role"];
type EventStatus = AdminRouterOutputs["event"]["listForOrganization"][number]["status"];

export const ROLE_LABEL: Record<TeamRole, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  BOX_OFFICE: "Box office",
  DOOR_STAFF: "Door staff",
  SUPPORT_AGENT: "Support agent",
};

export const STATUS_LABEL: Record<EventStatus, string> = {
  DRAFT: "Draft",
  PUBLISHED: "Published",
  CANCELLED: "Cancelled",
  ARCHIVED: "Archived",
};

type OrderStatus = AdminRouterOutputs["order"]["list"]["orders"][number]["status"];
type OrderChannel = AdminRouterOutputs["order"]["list"]["orders"][number]["channel"];

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  PENDING: "Awaiting payment",
  PAID: "Paid",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired",
  PARTIALLY_REFUNDED: "Partly refunded",
  REFUNDED: "Refunded",
};

export const ORDER_CHANNEL_LABEL: Record<OrderChannel, string> = {
  ONLINE: "Online",
  BOX_OFFICE: "Box office",
  API: "API",
};
