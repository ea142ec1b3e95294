import { idempotent } from "../idempotency/idempotent.ts";
import { rateLimited } from "../rate-limit/rate-limited.ts";
import { resolveCart } from "../services/cart/resolve-cart.ts";
import { ZChannelAuthInput, ZChannelAuthOutput } from "../services/queue/queue-schemas.ts";
import { getThread } from "../services/support/get-thread.ts";
import { authorizeConversationChannel } from "../services/support-live/authorize-conversation-channel.ts";
import { listMyConversations } from "../services/support/list-my-conversations.ts";
import { replyToConversation } from "../services/support/reply-to-conversation.ts";
import { startConversation } from "../services/support/start-conversation.ts";
import {
  ZConversationAccessInput,
  ZReplyInput,
  ZReplyOutput,
  ZStartConversationInput,
  ZStartConversationOutput,
  ZSupportConversationSummary,
  ZSupportThread,
} from "../services/support/support-schemas.ts";
import { authedProcedure, createTRPCRouter, publicProcedure } from "../trpc.ts";

// Buyers' side of the help inbox: guests follow a conversation with its access token, signed-in
// requesters with their session. Agents answer from the console (services/support/add-agent-reply.ts).
export const supportRouter = createTRPCRouter({
  start: publicProcedure
    .use(rateLimited("support.start", { perIp: 10, perCart: 5, windowSeconds: 600 }))
    .input(ZStartConversationInput)
    .output(ZStartConversationOutput)
    .mutation(
      idempotent("support.start", async ({ ctx, input }) =>
        startConversation(
          ctx,
          { userId: ctx.session?.id ?? null, cart: await resolveCart(ctx, ctx.request.cartToken), orderToken: ctx.request.orderToken },
          input,
        ),
      ),
    ),
  thread: publicProcedure
    .use(rateLimited("poll"))
    .input(ZConversationAccessInput)
    .output(ZSupportThread)
    .query(({ ctx, input }) => getThread(ctx, ctx.session?.id ?? null, input, ctx.request.supportToken)),
  reply: publicProcedure
    .use(rateLimited("support.reply", { perIp: 30, perCart: 20 }))
    .input(ZReplyInput)
    .output(ZReplyOutput)
    .mutation(({ ctx, input }) => replyToConversation(ctx, ctx.session?.id ?? null, input, ctx.request.supportToken)),
  /** pusher-js channel auth for the buyer's `private-support-conversation-<id>` (X-Support-Token or the requester's session). */
  authorizeChannel: publicProcedure
    .use(rateLimited("support.authorize-channel", { perIp: 60, perCart: 30 }))
    .input(ZChannelAuthInput)
    .output(ZChannelAuthOutput)
    .mutation(({ ctx, input }) => authorizeConversationChannel(ctx, ctx.session?.id ?? null, input, ctx.request.supportToken)),
  mine: authedProcedure.output(ZSupportConversationSummary.array()).query(({ ctx }) => listMyConversations(ctx, ctx.session.id)),
});
