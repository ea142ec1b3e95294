import { getPricing, getPricingHistory } from "../services/pricing/get-pricing.ts";
import {
  ZPricingHistoryInput,
  ZPricingOutput,
  ZPricingSeriesOutput,
  ZPricingTicketTypeInput,
  ZSavePricingInput,
  ZSimulatePricingInput,
  ZSimulationOutput,
} from "../services/pricing/pricing-schemas.ts";
import { saveDemandPricing } from "../services/pricing/save-demand-pricing.ts";
import { simulatePricing } from "../services/pricing/simulate-pricing.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";
import { scopeOf } from "./organiser-event.ts";

const view = organizationProcedure("event.view");
const manage = organizationProcedure("event.manage");

/** Demand-based pricing of a ticket type (services/pricing). Mounted as `pricing`. */
export const organiserPricingRouter = createTRPCRouter({
  get: view
    .input(ZPricingTicketTypeInput)
    .output(ZPricingOutput)
    .query(({ ctx, input }) => getPricing(ctx, ctx.organization.id, input.ticketTypeId)),
  save: manage
    .input(ZSavePricingInput)
    .output(ZPricingOutput)
    .mutation(({ ctx, input }) => {
      const { organizationId: _organizationId, ...settings } = input;
      return saveDemandPricing(ctx, scopeOf(ctx), settings);
    }),
  history: view
    .input(ZPricingHistoryInput)
    .output(ZPricingSeriesOutput)
    .query(({ ctx, input }) => getPricingHistory(ctx, ctx.organization.id, input)),
  simulate: view
    .input(ZSimulatePricingInput)
    .output(ZSimulationOutput)
    .query(({ ctx, input }) => simulatePricing(ctx, ctx.organization.id, input)),
});
