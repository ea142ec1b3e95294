import { idempotent } from "../idempotency/idempotent.ts";
import { auditActorOf } from "../services/audit/record-audit.ts";
import { listAgents, setAgentAvailability } from "../services/inbox/agents.ts";
import { renderCannedReply } from "../services/inbox/canned-reply-render.ts";
import { deleteCannedReply, listCannedReplies, saveCannedReply } from "../services/inbox/canned-replies.ts";
import { ZCannedReply, ZCannedReplyRender, ZCannedReplySave, ZOrderActionInput, ZSupportSettings } from "../services/inbox/inbox-schemas.ts";
import {
  ZCannedReplyIdInput,
  ZCannedReplyList,
  ZCannedReplyListInput,
  ZOrderActionOutput,
  ZRenderedCannedReply,
  ZSetAvailabilityInput,
  ZSetAvailabilityOutput,
  ZSupportAgentList,
  ZSupportSettingsView,
} from "../services/inbox/inbox-tools-schemas.ts";
import { runOrderAction } from "../services/inbox/order-actions.ts";
import { getSupportSettings, updateSupportSettings } from "../services/inbox/support-settings.ts";
import { readTicketKeyEnv } from "../services/tickets/ticket-key-env.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";

/** The help inbox's tools (the console, mounted as `inboxTools`): canned replies, settings, agents, and acting on the buyer's order. */
export const inboxToolsRouter = createTRPCRouter({
  cannedReplies: createTRPCRouter({
    /** The library, by shortcut; `q` finds by shortcut or title (the composer's `/` menu). */
    list: organizationProcedure("support.answer")
      .input(ZCannedReplyListInput)
      .output(ZCannedReplyList)
      .query(({ ctx, input }) => listCannedReplies(ctx.db, ctx.organization.id, input)),
    /** Creates (no id) or edits one; agents curate the library themselves. */
    save: organizationProcedure("support.answer")
      .input(ZCannedReplySave)
      .output(ZCannedReply)
      .mutation(({ ctx, input }) => saveCannedReply(ctx.db, { ...input, organizationId: ctx.organization.id, actor: auditActorOf(ctx) })),
    delete: organizationProcedure("support.answer")
      .input(ZCannedReplyIdInput)
      .output(ZCannedReplyIdInput)
      .mutation(({ ctx, input }) => deleteCannedReply(ctx.db, { id: input.id, organizationId: ctx.organization.id, actor: auditActorOf(ctx) })),
    /** One reply filled in for one conversation, for the agent to edit before sending. */
    render: organizationProcedure("support.answer")
      .input(ZCannedReplyRender)
      .output(ZRenderedCannedReply)
      .query(({ ctx, input }) => renderCannedReply(ctx.db, { ...input, organizationId: ctx.organization.id, agentId: ctx.session.id })),
  }),
  settings: createTRPCRouter({
    /** Every agent reads them (SLA targets drive the badges); the support address in full. */
    get: organizationProcedure("support.answer")
      .output(ZSupportSettingsView)
      .query(({ ctx }) => getSupportSettings(ctx.db, ctx.organization.id)),
    update: organizationProcedure("organization.manage")
      .input(ZSupportSettings)
      .output(ZSupportSettingsView)
      .mutation(({ ctx, input }) => updateSupportSettings(ctx.db, { ...input, organizationId: ctx.organization.id, actor: auditActorOf(ctx) })),
  }),
  agents: createTRPCRouter({
    list: organizationProcedure("support.answer")
      .output(ZSupportAgentList)
      .query(({ ctx }) => listAgents(ctx.db, ctx.organization.id)),
    /** The caller's own availability; another agent's needs team.manage. */
    setAvailability: organizationProcedure("support.answer")
      .input(ZSetAvailabilityInput)
      .output(ZSetAvailabilityOutput)
      .mutation(({ ctx, input }) =>
        setAgentAvailability(ctx.db, {
          ...input,
          organizationId: ctx.organization.id,
          callerId: ctx.session.id,
          callerRole: ctx.organization.role,
          actor: auditActorOf(ctx),
        }),
      ),
  }),
  /**
   * Resend the confirmation, reissue a ticket, or refund, from a conversation: support.answer here,
   * and the action's own capability (order.manage, refund.create) checked inside. Idempotency-Key
   * honoured, so a retried refund is one refund.
   */
  orderAction: organizationProcedure("support.answer")
    .input(ZOrderActionInput)
    .output(ZOrderActionOutput)
    .mutation(
      idempotent("inbox.order-action", ({ ctx, input }) =>
        runOrderAction(
          { db: ctx.db, clock: ctx.clock, queues: ctx.queues, ticketKeySecret: () => readTicketKeyEnv().TICKET_KEY_SECRET },
          { organizationId: ctx.organization.id, session: ctx.session, actor: auditActorOf(ctx), action: input },
        ),
      ),
    ),
});
