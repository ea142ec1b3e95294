import { openapi } from "../rest/meta.ts";
import { authorizeQueueChannel } from "../services/queue/authorize-queue-channel.ts";
import { ZChannelAuthInput, ZChannelAuthOutput } from "../services/queue/queue-schemas.ts";
import { createTRPCRouter } from "../trpc.ts";
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
