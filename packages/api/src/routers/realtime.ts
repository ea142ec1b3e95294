import { openapi } from "../rest/meta.ts";
import { authorizeQueueChannel } from "../services/queue/authorize-queue-channel.ts";
import { ZChannelAuthInput, ZChannelAuthOutput } from "../services/queue/queue-schemas.ts";
import { CHECKIN_CHANNEL_PATTERN, authorizeMemberCheckinChannel } from "../services/checkin/devices/authorize-checkin-channel.ts";
import { ZConsoleChannelAuthOutput, authorizeConsoleChannel } from "../services/support-live/authorize-console-channel.ts";
import { requireCapability } from "../permissions.ts";
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
 * `presence-support-agents-<conversationId>` (with channel_data) for members who may answer support;
 * an event's `private-checkin-<eventId>` for members who may scan or view events (the check-in page).
 */
export const organiserRealtimeRouter = createTRPCRouter({
  authorize: organizationProcedure("organization.view")
    .input(ZChannelAuthInput)
    .output(ZConsoleChannelAuthOutput)
    .mutation(({ ctx, input }) => {
      const scoped = { ...input, organizationId: ctx.organization.id };
      if (CHECKIN_CHANNEL_PATTERN.test(input.channel_name)) return authorizeMemberCheckinChannel(ctx, ctx.session, scoped);
      // Every other console channel needs event.view at least (support channels ask support.answer on top).
      requireCapability(ctx.session, ctx.organization.id, "event.view");
      return authorizeConsoleChannel(ctx, ctx.session, scoped);
    }),
});
