import { auditActorOf } from "../services/audit/record-audit.ts";
import {
  ZOrganizationSettingsOutput,
  ZUpdateOrganizationSettingsInput,
  getOrganizationSettings,
  updateOrganizationSettings,
} from "../services/organization/organization-settings.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";

/** The organisation's settings page (organization.manage): names, invoice details, the two-factor policy. */
export const organizationSettingsRouter = createTRPCRouter({
  get: organizationProcedure("organization.manage")
    .output(ZOrganizationSettingsOutput)
    .query(({ ctx }) => getOrganizationSettings(ctx, ctx.organization.id)),
  update: organizationProcedure("organization.manage")
    .input(ZUpdateOrganizationSettingsInput)
    .output(ZOrganizationSettingsOutput)
    .mutation(({ ctx, input }) => updateOrganizationSettings(ctx, auditActorOf(ctx), input, { userId: ctx.session.id, role: ctx.organization.role })),
});
