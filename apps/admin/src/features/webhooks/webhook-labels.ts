/** The event types an endpoint may receive, as the console names them. */
export const WEBHOOK_EVENT_LABEL = {
  "order.paid": "Order paid",
  "order.refunded": "Order refunded",
  "order.cancelled": "Order cancelled",
  "ticket.checked_in": "Ticket checked in",
  "event.sold_out": "Event sold out",
} as const;

export type TWebhookEventType = keyof typeof WEBHOOK_EVENT_LABEL;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_LABEL) as TWebhookEventType[];

export const DELIVERY_STATUS_LABEL = { PENDING: "Pending", SUCCEEDED: "Delivered", FAILED: "Failed" } as const;
/** Badge colours of the events' statuses: delivered green, pending amber, failed red. */
export const DELIVERY_STATUS_CLASS = { PENDING: "status-draft", SUCCEEDED: "status-published", FAILED: "status-cancelled" } as const;
