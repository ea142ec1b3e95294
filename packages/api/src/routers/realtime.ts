import { openapi } from "../rest/meta.ts";
import { authorizeDashboardChannel } from "../services/dashboard/authorize-dashboard-channel.ts";
import { authorizeQueueChannel } from "../services/queue/authorize-queue-channel.ts";
import { ZChannelAuthInput, ZChannelAuthOutput } from "../services/queue/queue-schemas.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";
import { cartProcedure } from "./cart-procedure.ts";

export const realtimeRouter = createTRPCRouter({
  /** pusher-js channel authorization (`channelAuthorization.endpoint`), form-encoded like pusher-js sends it. */
  authorize: cartProcedure("poll")
    .meta(
      openapi({
        method: "POST",
        path: "/realtime/auth",
        operationId: "authorizeChannel",
        summary: "Sign a private-queue-<queueTicketId> subscription for the cart that owns the ticket",
        tags: ["realtime"],
        cartToken: "required",
        formBody: true,
      }),
    )
    .input(ZChannelAuthInput)
    .output(ZChannelAuthOutput)
    .mutation(({ ctx, input }) => authorizeQueueChannel(ctx, ctx.cart, input)),
});

/** The console's channel auth (pusher-js customHandler): `private-org-<organizationId>` for members who may view events. */
export const organiserRealtimeRouter = createTRPCRouter({
  authorize: organizationProcedure("event.view")
    .input(ZChannelAuthInput)
    .output(ZChannelAuthOutput)
    .mutation(({ ctx, input }) => authorizeDashboardChannel(ctx.realtime, ctx.session, { ...input, organizationId: ctx.organization.id })),
});
