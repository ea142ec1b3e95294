import { openapi } from "../rest/meta.ts";
import { rateLimited } from "../rate-limit/rate-limited.ts";
import { joinQueueForCartToken } from "../services/queue/join-queue.ts";
import { getQueueStatus } from "../services/queue/queue-status.ts";
import { ZJoinQueueInput, ZQueueStatus, ZQueueTicketInput } from "../services/queue/queue-schemas.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { cartProcedure } from "./cart-procedure.ts";

export const queueRouter = createTRPCRouter({
  // The cart is read inside the ticket's INSERT (joinQueueForCartToken), not by a procedure step.
  join: publicProcedure
    .use(rateLimited("join"))
    .meta(
      openapi({
        method: "POST",
        path: "/events/{eventId}/queue",
        operationId: "joinQueue",
        summary: "Join the event's waiting room (one queue ticket per cart; joining again answers the same ticket)",
        tags: ["queue"],
        cartToken: "required",
      }),
    )
    .input(ZJoinQueueInput)
    .output(ZQueueStatus)
    .mutation(({ ctx, input }) => joinQueueForCartToken(ctx, ctx.request.cartToken, input.eventId, { notifyEmail: input.notifyEmail, locale: input.locale })),
  status: cartProcedure("poll")
    .meta(
      openapi({
        method: "GET",
        path: "/queue/{queueTicketId}",
        operationId: "getQueueStatus",
        summary: "Position, ETA, and the admission token once admitted",
        tags: ["queue"],
        cartToken: "required",
      }),
    )
    .input(ZQueueTicketInput)
    .output(ZQueueStatus)
    .query(({ ctx, input }) => getQueueStatus(ctx, ctx.cart, input.queueTicketId)),
});
