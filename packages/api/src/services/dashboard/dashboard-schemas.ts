import { z } from "zod";

export const DASHBOARD_RANGES = ["today", "7d", "30d", "all"] as const;
export const ZDashboardRange = z.enum(DASHBOARD_RANGES);
export type TDashboardRange = z.infer<typeof ZDashboardRange>;

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

/** IANA zone of the viewer: where "today" starts. */
export const ZTimeZone = z.string().min(1).max(64).refine(isTimeZone, "not a time zone");

export const ZOrganizationDashboardInput = z.object({
  organizationId: z.uuid(),
  range: ZDashboardRange.default("7d"),
  timeZone: ZTimeZone.default("UTC"),
});
export type TOrganizationDashboardInput = z.infer<typeof ZOrganizationDashboardInput>;

export const ZEventDashboardInput = ZOrganizationDashboardInput.extend({ eventId: z.uuid() });
export type TEventDashboardInput = z.infer<typeof ZEventDashboardInput>;

const ZSalesFigures = z.object({
  ticketsSold: z.number().int(),
  revenueMinor: z.number().int(),
  ticketsRefunded: z.number().int(),
  refundedMinor: z.number().int(),
  ordersPaid: z.number().int(),
});
export type TSalesFigures = z.infer<typeof ZSalesFigures>;

export const ZDashboardBucket = ZSalesFigures.extend({ start: z.date() });
export type TDashboardBucket = z.infer<typeof ZDashboardBucket>;

export const ZDashboardKpis = z.object({
  ticketsSold: z.number().int(),
  /** Revenue minus refunds, in the currency's minor units. */
  netRevenueMinor: z.number().int(),
  ordersPaid: z.number().int(),
  /** Tickets still for sale now (null: not on sale, nothing to count). */
  remaining: z.number().int().nullable(),
  holdsInFlight: z.number().int(),
  queueLength: z.number().int(),
  /** Admissions per minute the waiting room is running at now. */
  admissionsPerMinute: z.number(),
  holdsCreated: z.number().int(),
  /** Paid orders per hold started in the range (0..1; null without holds). */
  conversion: z.number().nullable(),
  checkIns: z.number().int(),
});
export type TDashboardKpis = z.infer<typeof ZDashboardKpis>;

const ZDashboardCommon = z.object({
  range: ZDashboardRange,
  from: z.date(),
  to: z.date(),
  bucketSeconds: z.number().int(),
  /** The currency of the figures (the first event's when events differ). */
  currency: z.string(),
  kpis: ZDashboardKpis,
  series: z.array(ZDashboardBucket),
  byChannel: z.array(ZSalesFigures.extend({ channel: z.string() })),
});

export const ZEventDashboardOutput = ZDashboardCommon.extend({
  event: z.object({ id: z.uuid(), name: z.string(), status: z.string(), startsAt: z.date() }),
  byTicketType: z.array(ZSalesFigures.extend({ ticketTypeId: z.uuid(), name: z.string() })),
});
export type TEventDashboardOutput = z.infer<typeof ZEventDashboardOutput>;

export const ZOrganizationDashboardOutput = ZDashboardCommon.extend({
  /** The organisation's events (newest first, at most 100) with their sales in the range. */
  byEvent: z.array(ZSalesFigures.extend({ eventId: z.uuid(), name: z.string(), status: z.string(), startsAt: z.date() })),
});
export type TOrganizationDashboardOutput = z.infer<typeof ZOrganizationDashboardOutput>;
