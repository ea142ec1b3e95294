import { z } from "zod";
import { AppError } from "../errors.ts";
import { rateLimited } from "../rate-limit/rate-limited.ts";
import { readTicketKeyEnv } from "../services/tickets/ticket-key-env.ts";
import { getTicketByLink } from "../services/ticket-self-service/get-ticket-by-link.ts";
import { getTicketSelfService } from "../services/ticket-self-service/get-ticket-self-service.ts";
import { approveRefundRequest, createRefundRequest, declineRefundRequest, listRefundRequests } from "../services/ticket-self-service/refund-requests.ts";
import { renameTicket } from "../services/ticket-self-service/rename-ticket.ts";
import {
  ZApproveRefundRequestInputSchema,
  ZDeclineRefundRequestInputSchema,
  ZListRefundRequestsInputSchema,
  ZOrganizationRefundRequestOutputSchema,
  ZRefundRequestOutputSchema,
  ZRenameTicketInputSchema,
  ZRenameTicketOutputSchema,
  ZRequestRefundInputSchema,
  ZTicketByLinkOutputSchema,
  ZTicketLinkInputSchema,
  ZTicketSelfServiceOutputSchema,
  ZTransferTicketInputSchema,
  ZTransferTicketOutputSchema,
} from "../services/ticket-self-service/ticket-self-service-schemas.ts";
import { transferTicket } from "../services/ticket-self-service/transfer-ticket.ts";
import { checkOrderAccessToken } from "../services/order-access/order-link.ts";
import { ticketPassChanged } from "../services/wallet/ticket-pass-changed.ts";
import { createTRPCRouter, organizationProcedure, publicProcedure } from "../trpc.ts";

// Self-service writes per client address: enough for a family sorting out its tickets, too few to
// spray transfers or probe ids.
const SELF_SERVICE_LIMITS = { perIp: 30, windowSeconds: 60 };

/**
 * The buyer's own order: the input names it, and it must be the session user's, or the request
 * carries the order's e-mailed link (X-Order-Token, bound to the order and the buyer's address:
 * a guest on any device). Anyone else's order, or an unknown id, is NOT_FOUND, the same answer.
 */
const buyerOrderProcedure = publicProcedure.input(z.object({ orderId: z.uuid() })).use(async ({ ctx, input, next }) => {
  const order = await ctx.db.order.findUnique({ where: { id: input.orderId }, select: { id: true, userId: true, buyerEmail: true } });
  const owner = order !== null && ctx.session !== null && order.userId === ctx.session.id;
  const linked = order !== null && !owner && ctx.request.orderToken ? checkOrderAccessToken(ctx.request.orderToken, order, ctx.clock.now()).ok : false;
  if (!order || !(owner || linked)) throw new AppError("NOT_FOUND", "Order not found.").toTRPCError();
  return next({ ctx: { order: { id: order.id }, actorId: owner ? (ctx.session?.id ?? null) : null } });
});
const buyerOrderWrite = buyerOrderProcedure.use(rateLimited("ticket-self-service", SELF_SERVICE_LIMITS));

/** Buyers' ticket self-service (the shop), mounted as `ticket`. */
export const ticketRouter = createTRPCRouter({
  /** What the buyer may do with the order's tickets now: cut-offs, each ticket's state, refund requests. */
  selfService: buyerOrderProcedure.output(ZTicketSelfServiceOutputSchema).query(({ ctx }) => getTicketSelfService(ctx, ctx.order.id)),
  /** A new holder name on one ticket (until the organiser's cut-off); the PDF is printed with it. */
  rename: buyerOrderWrite
    .input(ZRenameTicketInputSchema)
    .output(ZRenameTicketOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const renamed = await renameTicket(ctx, { orderId: ctx.order.id, ticketId: input.ticketId, holderName: input.holderName, actorId: ctx.actorId });
      // Its wallet passes carry the holder's name: tell the wallets (after the commit).
      if (renamed.changed) await ticketPassChanged(ctx.db, ctx.queues, renamed.ticketId, ctx.clock);
      return renamed;
    }),
  /** Gives one ticket to someone else by e-mail: old code revoked, a new ticket for them (idempotent per recipient). */
  transfer: buyerOrderWrite
    .input(ZTransferTicketInputSchema)
    .output(ZTransferTicketOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const transferred = await transferTicket(
        { db: ctx.db, clock: ctx.clock, ticketKeySecret: readTicketKeyEnv().TICKET_KEY_SECRET },
        { orderId: ctx.order.id, ticketId: input.ticketId, recipient: input.recipient, actorId: ctx.actorId },
      );
      // The old ticket's wallet passes are void now: tell the wallets (after the commit; a retry repeats it harmlessly).
      await ticketPassChanged(ctx.db, ctx.queues, transferred.ticketId, ctx.clock);
      return transferred;
    }),
  /** Asks the organiser for a refund of the order (or some tickets), while the event's policy allows. */
  requestRefund: buyerOrderWrite
    .input(ZRequestRefundInputSchema)
    .output(ZRefundRequestOutputSchema)
    .mutation(({ ctx, input }) => createRefundRequest(ctx, { orderId: ctx.order.id, ticketIds: input.ticketIds, reason: input.reason, actorId: ctx.actorId })),
  /** A transferred ticket's page, through the signed link in its recipient's e-mail (no account). */
  byLink: publicProcedure
    .use(rateLimited("poll"))
    .input(ZTicketLinkInputSchema)
    .output(ZTicketByLinkOutputSchema)
    .query(({ ctx, input }) => getTicketByLink(ctx, input.token)),
});

/** Buyers' refund requests for the organiser (the console), mounted as `refundRequest`. */
export const organiserRefundRequestRouter = createTRPCRouter({
  /** The organisation's refund requests (PENDING by default), newest first. */
  list: organizationProcedure("order.view")
    .input(ZListRefundRequestsInputSchema)
    .output(z.array(ZOrganizationRefundRequestOutputSchema))
    .query(({ ctx, input }) => listRefundRequests(ctx.db, { ...input, organizationId: ctx.organization.id })),
  /** Approves a request: the refund saga runs (a PENDING refund completed by the payment worker). */
  approve: organizationProcedure("refund.create")
    .input(ZApproveRefundRequestInputSchema)
    .output(ZRefundRequestOutputSchema)
    .mutation(({ ctx, input }) =>
      approveRefundRequest(ctx, { organizationId: ctx.organization.id, requestId: input.requestId, decidedById: ctx.session.id, note: input.note }),
    ),
  /** Declines a request with a note the buyer sees. */
  decline: organizationProcedure("refund.create")
    .input(ZDeclineRefundRequestInputSchema)
    .output(ZRefundRequestOutputSchema)
    .mutation(({ ctx, input }) =>
      declineRefundRequest(ctx, { organizationId: ctx.organization.id, requestId: input.requestId, decidedById: ctx.session.id, note: input.note }),
    ),
});
