import { openapi } from "../rest/meta.ts";
import { authorizeQueueChannel } from "../services/queue/authorize-queue-channel.ts";
import { ZChannelAuthInput, ZChannelAuthOutput } from "../services/queue/queue-schemas.ts";
import { ZConsoleChannelAuthOutput, authorizeConsoleChannel } from "../services/support-live/authorize-console-channel.ts";
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

/**
 * The console's channel auth (pusher-js customHandler): `private-org-<organizationId>` for members
 * who may view events; the help inbox's `private-support-<organizationId>` and
 * `presence-support-agents-<conversationId>` (with channel_data) for members who may answer support.
 */
export const organiserRealtimeRouter = createTRPCRouter({
  authorize: organizationProcedure("event.view")
    .input(ZChannelAuthInput)
    .output(ZConsoleChannelAuthOutput)
    .mutation(({ ctx, input }) => authorizeConsoleChannel(ctx, ctx.session, { ...input, organizationId: ctx.organization.id })),
});
