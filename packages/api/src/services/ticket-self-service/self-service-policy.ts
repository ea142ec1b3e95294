import { AppError } from "../../errors.ts";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The organiser's self-service settings of an event (Event columns). */
export interface TSelfServiceEvent {
  startsAt: Date;
  ticketChangesEnabled: boolean;
  ticketChangesCutoffHours: number;
  refundRequestsEnabled: boolean;
  refundRequestCutoffDays: number;
}

/** One kind of change: allowed at all, until when, and whether that is still ahead. */
export interface TSelfServiceWindow {
  enabled: boolean;
  /** The cut-off (null when the organiser turned it off). */
  until: Date | null;
  open: boolean;
}

export interface TSelfServicePolicy {
  /** Holder names and transfers. */
  ticketChanges: TSelfServiceWindow;
  refundRequests: TSelfServiceWindow;
}

function window(enabled: boolean, until: Date, now: Date): TSelfServiceWindow {
  return enabled ? { enabled, until, open: now.getTime() < until.getTime() } : { enabled, until: null, open: false };
}

/** What the event allows now: names and transfers until N hours before the start, refund requests until N days before. */
export function selfServicePolicy(event: TSelfServiceEvent, now: Date): TSelfServicePolicy {
  return {
    ticketChanges: window(event.ticketChangesEnabled, new Date(event.startsAt.getTime() - event.ticketChangesCutoffHours * HOUR_MS), now),
    refundRequests: window(event.refundRequestsEnabled, new Date(event.startsAt.getTime() - event.refundRequestCutoffDays * DAY_MS), now),
  };
}

/** TICKET_CHANGES_CLOSED unless names and transfers are still allowed. */
export function assertTicketChangesOpen(event: TSelfServiceEvent, now: Date): void {
  const { ticketChanges } = selfServicePolicy(event, now);
  if (ticketChanges.open) return;
  throw new AppError(
    "TICKET_CHANGES_CLOSED",
    ticketChanges.enabled
      ? "Names and transfers closed at the organiser's cut-off before the event."
      : "The organiser does not allow name changes or transfers for this event.",
    { until: ticketChanges.until?.toISOString() ?? null },
  );
}

/** REFUND_REQUESTS_CLOSED unless the event's refund policy still takes requests. */
export function assertRefundRequestsOpen(event: TSelfServiceEvent, now: Date): void {
  const { refundRequests } = selfServicePolicy(event, now);
  if (refundRequests.open) return;
  throw new AppError(
    "REFUND_REQUESTS_CLOSED",
    refundRequests.enabled
      ? "Refund requests closed at the organiser's cut-off before the event."
      : "The organiser does not take refund requests for this event.",
    { until: refundRequests.until?.toISOString() ?? null },
  );
}

/** The event columns the policy reads. */
export const SELF_SERVICE_EVENT_SELECT = {
  startsAt: true,
  ticketChangesEnabled: true,
  ticketChangesCutoffHours: true,
  refundRequestsEnabled: true,
  refundRequestCutoffDays: true,
} as const;
