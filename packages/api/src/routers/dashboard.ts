import { getEventDashboard, getOrganizationDashboard } from "../services/dashboard/get-dashboard.ts";
import {
  ZEventDashboardInput,
  ZEventDashboardOutput,
  ZOrganizationDashboardInput,
  ZOrganizationDashboardOutput,
} from "../services/dashboard/dashboard-schemas.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";

/** The console's live sales dashboard: the organisation's overview and one event's. */
export const dashboardRouter = createTRPCRouter({
  organization: organizationProcedure("event.view")
    .input(ZOrganizationDashboardInput)
    .output(ZOrganizationDashboardOutput)
    .query(({ ctx, input }) => getOrganizationDashboard(ctx, { ...input, organizationId: ctx.organization.id })),
  event: organizationProcedure("event.view")
    .input(ZEventDashboardInput)
    .output(ZEventDashboardOutput)
    .query(({ ctx, input }) => getEventDashboard(ctx, { ...input, organizationId: ctx.organization.id })),
});
