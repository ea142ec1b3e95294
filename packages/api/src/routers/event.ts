import { ZListPublicEventsInput, listPublicEvents } from "../services/event/list-public-events.ts";
import { listOrganizationEvents } from "../services/event/list-organization-events.ts";
import { createTRPCRouter, organiserProcedure, publicProcedure } from "../trpc.ts";

export const eventRouter = createTRPCRouter({
  list: publicProcedure.input(ZListPublicEventsInput.optional()).query(({ ctx, input }) => listPublicEvents(ctx, input)),
  listForOrganization: organiserProcedure.query(({ ctx }) => listOrganizationEvents(ctx, ctx.organization.id)),
});
