import { idempotent } from "../idempotency/idempotent.ts";
import { openapi } from "../rest/meta.ts";
import { auditActorOf } from "../services/audit/record-audit.ts";
import { getConversation } from "../services/inbox/get-conversation.ts";
import {
  ZConversationRef,
  ZInboxConversation,
  ZInboxCounts,
  ZInboxCountsInput,
  ZInboxListInput,
  ZInboxListOutput,
  ZInboxMergeInput,
  ZInboxMergeOutput,
  ZInboxReplyInput,
  ZInboxReplyOutput,
  ZInboxUpdateInput,
  ZInboxUpdateOutput,
} from "../services/inbox/inbox-schemas.ts";
import { countConversations, listConversations } from "../services/inbox/list-conversations.ts";
import { mergeConversations } from "../services/inbox/merge-conversations.ts";
import { replyAsAgent } from "../services/inbox/reply-as-agent.ts";
import { personName, type TInboxActor, updateConversation } from "../services/inbox/update-conversation.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";
import type { Context } from "../context.ts";
import type { SessionUser } from "../session.ts";

const inboxProcedure = organizationProcedure("support.answer");

type TInboxCtx = Pick<Context, "request"> & { session: SessionUser; organization: { id: string } };

/** Who acts: the agent (an API token acts as its creator, the audit log names the token). */
const actorOf = (ctx: TInboxCtx): TInboxActor => ({
  organizationId: ctx.organization.id,
  userId: ctx.session.id,
  displayName: ctx.session.apiToken ? `${personName(ctx.session)} (API: ${ctx.session.apiToken.name})` : personName(ctx.session),
  audit: auditActorOf(ctx),
});

/** The help inbox (agents' side of support conversations), mounted as `inbox` on the console's router; four operations are the agent REST API too. */
export const inboxRouter = createTRPCRouter({
  /** A view of the organisation's conversations, newest activity first, a page at a time. */
  list: inboxProcedure
    .meta(
      openapi({
        method: "GET",
        path: "/organization/conversations",
        operationId: "listConversations",
        summary: "Support conversations: view (open, pending, snoozed, solved, breached, all), assignee, label, search; newest activity first, cursor pages",
        tags: ["organizer-support"],
      }),
    )
    .input(ZInboxListInput)
    .output(ZInboxListOutput)
    .query(({ ctx, input }) => listConversations(ctx.db, { organizationId: ctx.organization.id, userId: ctx.session.id }, input, ctx.clock.now())),
  /** How many conversations each view holds, for the caller's assignee filter. */
  counts: inboxProcedure
    .input(ZInboxCountsInput)
    .output(ZInboxCounts)
    .query(({ ctx, input }) => countConversations(ctx.db, { organizationId: ctx.organization.id, userId: ctx.session.id }, input.assignee, ctx.clock.now())),
  /** One conversation: every message (internal notes and system events too) and the buyer panel. */
  get: inboxProcedure
    .meta(
      openapi({
        method: "GET",
        path: "/organization/conversations/{conversationId}",
        operationId: "getConversation",
        summary: "One support conversation with every message, internal notes and system events, and the buyer's orders with the organisation",
        tags: ["organizer-support"],
      }),
    )
    .input(ZConversationRef)
    .output(ZInboxConversation)
    .query(({ ctx, input }) =>
      getConversation(ctx.db, { organizationId: ctx.organization.id, role: ctx.organization.role }, input.conversationId, ctx.clock.now()),
    ),
  /** An answer to the buyer or an internal note; held (409 CONVERSATION_CHANGED) when messages came after lastSeenMessageId. */
  reply: inboxProcedure
    .meta(
      openapi({
        method: "POST",
        path: "/organization/conversations/{conversationId}/messages",
        operationId: "replyToConversation",
        summary:
          "Answer the buyer or add an internal note; 409 CONVERSATION_CHANGED (with the new messages) when messages arrived after lastSeenMessageId, unless force",
        tags: ["organizer-support"],
        idempotencyKey: true,
        successStatus: 201,
      }),
    )
    .input(ZInboxReplyInput)
    .output(ZInboxReplyOutput)
    .mutation(idempotent("inbox.reply", ({ ctx, input }) => replyAsAgent(ctx.db, actorOf(ctx), input, ctx.clock.now()))),
  /** Status (snooze until, solve), assignee, priority, labels: each change a system event in the thread and an audit entry. */
  update: inboxProcedure
    .meta(
      openapi({
        method: "PATCH",
        path: "/organization/conversations/{conversationId}",
        operationId: "updateConversation",
        summary: "Change a support conversation's status (SNOOZED needs snoozedUntil), assignee (null: unassigned), priority or labels",
        tags: ["organizer-support"],
      }),
    )
    .input(ZInboxUpdateInput)
    .output(ZInboxUpdateOutput)
    .mutation(({ ctx, input }) => updateConversation(ctx.db, actorOf(ctx), input, ctx.clock.now())),
  /** Merges one conversation into another of the same buyer address. */
  merge: inboxProcedure
    .input(ZInboxMergeInput)
    .output(ZInboxMergeOutput)
    .mutation(({ ctx, input }) => mergeConversations(ctx.db, actorOf(ctx), input, ctx.clock.now())),
});
