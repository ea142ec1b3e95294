import { z } from "zod";

export const ZPriceVersionReason = z.enum(["START", "VELOCITY", "SCARCITY", "QUIET", "SETTINGS"]);
export type TPriceVersionReason = z.infer<typeof ZPriceVersionReason>;

const MAX_MINOR = 100_000_000;

/** The rule's settings, as saved per ticket type (see decide-demand-price.ts). */
export const ZDemandPricingSettings = z.object({
  enabled: z.boolean(),
  floorMinor: z.number().int().min(0).max(MAX_MINOR),
  ceilingMinor: z.number().int().min(0).max(MAX_MINOR),
  stepMinor: z.number().int().min(1).max(MAX_MINOR),
  windowMinutes: z.number().int().min(1).max(1440),
  raiseAtPerMinute: z.number().positive().max(100_000),
  scarcityPct: z.number().int().min(1).max(100).nullable(),
  lowerAtPerMinute: z.number().min(0).max(100_000).nullable(),
  minIntervalSeconds: z.number().int().min(0).max(86_400),
});
export type TDemandPricingSettings = z.infer<typeof ZDemandPricingSettings>;

export const ZPricingTicketTypeInput = z.object({ ticketTypeId: z.uuid() });

export const ZSavePricingInput = ZDemandPricingSettings.extend({ ticketTypeId: z.uuid() });
export type TSavePricingInput = z.infer<typeof ZSavePricingInput>;

export const ZPricingHistoryInput = z.object({
  ticketTypeId: z.uuid(),
  /** Default: the last 24 hours. At most 7 days. */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const ZSimulatePricingInput = z.object({
  ticketTypeId: z.uuid(),
  /** A past day (YYYY-MM-DD, UTC); default: last Friday. */
  day: z.iso.date().optional(),
  /** Settings to try (default: the saved ones). */
  settings: ZDemandPricingSettings.omit({ enabled: true }).optional(),
});
export type TSimulatePricingInput = z.infer<typeof ZSimulatePricingInput>;

export const ZPricePoint = z.object({ at: z.date(), priceMinor: z.number().int(), reason: ZPriceVersionReason, version: z.number().int() });
export const ZSalesPoint = z.object({ minute: z.date(), sold: z.number().int() });

export const ZPricingOutput = z.object({
  ticketTypeId: z.uuid(),
  eventId: z.uuid(),
  ticketTypeName: z.string(),
  currency: z.string(),
  /** The tier price on sale now (what the type costs without demand pricing). */
  tierPriceMinor: z.number().int().nullable(),
  /** What a buyer holding now would pay. */
  currentPriceMinor: z.number().int().nullable(),
  currentVersion: z.number().int().nullable(),
  settings: ZDemandPricingSettings.nullable(),
});
export type TPricingOutput = z.infer<typeof ZPricingOutput>;

export const ZPricingSeriesOutput = z.object({
  ticketTypeId: z.uuid(),
  currency: z.string(),
  from: z.date(),
  to: z.date(),
  prices: z.array(ZPricePoint),
  sales: z.array(ZSalesPoint),
});
export type TPricingSeriesOutput = z.infer<typeof ZPricingSeriesOutput>;

export const ZSimulationOutput = ZPricingSeriesOutput.extend({
  day: z.string(),
  startPriceMinor: z.number().int(),
  endPriceMinor: z.number().int(),
  ticketsSold: z.number().int(),
  /** Revenue of the day's sales at the simulated prices vs what they paid. */
  simulatedRevenueMinor: z.number().int(),
  actualRevenueMinor: z.number().int(),
});
export type TSimulationOutput = z.infer<typeof ZSimulationOutput>;

/** The realtime message on the event's public channel when a price changes. */
export const ZPriceChangedEvent = z.object({
  eventId: z.uuid(),
  ticketTypeId: z.uuid(),
  priceMinor: z.number().int(),
  currency: z.string().length(3),
  version: z.number().int(),
});
export type TPriceChangedEvent = z.infer<typeof ZPriceChangedEvent>;
