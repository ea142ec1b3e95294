import { z } from "zod";
import { AppError } from "../errors.ts";
import { idempotent } from "../idempotency/idempotent.ts";
import { openapi } from "../rest/meta.ts";
import { auditActorOf } from "../services/audit/record-audit.ts";
import { ZOrderIdInput, ZOrderOutput } from "../services/checkout/checkout-schemas.ts";
import { getOrganizationOrder } from "../services/checkout/get-order.ts";
import { cancelPendingOrder } from "../services/orders/cancel-order.ts";
import { startInvoiceExport, ZInvoiceExportPeriod } from "../services/invoice/export-invoices.ts";
import { startExport } from "../services/orders/export-orders.ts";
import { listOrders } from "../services/orders/list-orders.ts";
import { getOrderActivity } from "../services/orders/order-activity.ts";
import {
  ZCancelOrderInput,
  ZCancelOrderOutput,
  ZListOrdersInput,
  ZOrderActionInput,
  ZOrderActivityOutput,
  ZOrderListOutput,
  ZReissueTicketInput,
  ZReissueTicketOutput,
  ZResendConfirmationOutput,
} from "../services/orders/order-schemas.ts";
import { reissueTicket } from "../services/orders/reissue-ticket.ts";
import { resendConfirmation } from "../services/orders/resend-confirmation.ts";
import { listOrderRefunds, requestRefund } from "../services/refunds/refund-order.ts";
import { ZOrderRefundsOutput, ZRequestedRefundOutput, ZRequestRefundInput } from "../services/refunds/refund-schemas.ts";
import { readTicketKeyEnv } from "../services/tickets/ticket-key-env.ts";
import { ticketPassChanged } from "../services/wallet/ticket-pass-changed.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";

/** The organiser's side of orders (the console), mounted as `order` there; the operations with meta are the organiser REST API too. */
export const organiserOrderRouter = createTRPCRouter({
  /** Search and filter the organisation's orders, newest first, a page at a time. */
  list: organizationProcedure("order.view")
    .meta(
      openapi({
        method: "GET",
        path: "/organization/orders",
        operationId: "listOrders",
        summary: "The organisation's orders: search by buyer name, e-mail, order reference or ticket short code; filter by event, status, channel, date",
        tags: ["organizer-orders"],
      }),
    )
    .input(ZListOrdersInput)
    .output(ZOrderListOutput)
    .query(({ ctx, input }) => listOrders(ctx, ctx.organization.id, input)),
  /** Organisers and box office: refund some or all tickets of a paid order, or a goodwill amount without tickets (completed by the payment worker). */
  refund: organizationProcedure("refund.create")
    .meta(
      openapi({
        method: "POST",
        path: "/organization/orders/{orderId}/refunds",
        operationId: "refundOrder",
        summary:
          "Refund some or all tickets of a paid order, or a goodwill amount that leaves every ticket valid (PENDING until the payment worker has refunded the card)",
        tags: ["organizer-orders"],
        idempotencyKey: true,
        successStatus: 201,
      }),
    )
    .input(ZRequestRefundInput)
    .output(ZRequestedRefundOutput)
    .mutation(
      idempotent("order.refund", ({ ctx, input }) =>
        requestRefund(ctx.db, {
          organizationId: ctx.organization.id,
          orderId: input.orderId,
          ticketIds: input.ticketIds,
          amountMinor: input.amountMinor,
          reason: input.reason,
          requestedById: ctx.session.id,
        }),
      ),
    ),
  /** One order of the organisation with its tickets and document links (console, help inbox). */
  byId: organizationProcedure("order.view")
    .meta(
      openapi({
        method: "GET",
        path: "/organization/orders/{orderId}",
        operationId: "getOrganizerOrder",
        summary: "One order of the organisation with its lines, payment, tickets and document links",
        tags: ["organizer-orders"],
      }),
    )
    .input(ZOrderIdInput)
    .output(ZOrderOutput)
    // Support agents see the order without usable ticket codes (masked short codes, no QR, no PDF).
    .query(({ ctx, input }) =>
      getOrganizationOrder(ctx, ctx.organization.id, input.orderId, { ticketCodes: ctx.organization.role === "SUPPORT_AGENT" ? "masked" : "full" }),
    ),
  /** An order's refunds and their status, for the organiser's order page. */
  refunds: organizationProcedure("order.view")
    .input(ZOrderIdInput)
    .output(ZOrderRefundsOutput)
    .query(({ ctx, input }) => listOrderRefunds(ctx.db, { organizationId: ctx.organization.id, orderId: input.orderId })),
  /** Payments, e-mails sent and the audit trail of one order. */
  activity: organizationProcedure("order.view")
    .input(ZOrderActionInput)
    .output(ZOrderActivityOutput)
    .query(({ ctx, input }) => getOrderActivity(ctx, ctx.organization.id, input.orderId)),
  /** Sends the confirmation (tickets and invoice) again, through the notification worker. */
  resendConfirmation: organizationProcedure("order.manage")
    .input(ZOrderActionInput)
    .output(ZResendConfirmationOutput)
    .mutation(({ ctx, input }) => resendConfirmation(ctx, { organizationId: ctx.organization.id, orderId: input.orderId, actor: auditActorOf(ctx) })),
  /** A new code for one ticket; the old code is revoked. */
  reissueTicket: organizationProcedure("order.manage")
    .input(ZReissueTicketInput)
    .output(ZReissueTicketOutput)
    .mutation(async ({ ctx, input }) => {
      const reissued = await reissueTicket(
        { db: ctx.db, clock: ctx.clock, ticketKeySecret: readTicketKeyEnv().TICKET_KEY_SECRET },
        { organizationId: ctx.organization.id, orderId: input.orderId, ticketId: input.ticketId, reason: input.reason, actor: auditActorOf(ctx) },
      );
      // The old ticket's wallet passes are void now (after the commit; a retry repeats it harmlessly).
      await ticketPassChanged(ctx.db, ctx.queues, reissued.oldTicketId, ctx.clock);
      return reissued;
    }),
  /** Cancels an unpaid (PENDING) order. */
  cancel: organizationProcedure("order.manage")
    .input(ZCancelOrderInput)
    .output(ZCancelOrderOutput)
    .mutation(({ ctx, input }) =>
      cancelPendingOrder(ctx, { organizationId: ctx.organization.id, orderId: input.orderId, reason: input.reason, actor: auditActorOf(ctx) }),
    ),
  /** The event's attendees (valid tickets) as a streamed CSV; the console downloads it from /api/exports. */
  exportAttendees: organizationProcedure("order.manage")
    .meta(
      openapi({
        method: "GET",
        path: "/organization/events/{eventId}/attendees",
        operationId: "exportAttendees",
        summary: "The event's attendees (valid tickets) as CSV, streamed",
        tags: ["organizer-orders"],
        contentType: "text/csv",
      }),
    )
    .input(z.object({ eventId: z.uuid() }))
    .query(({ ctx, input }) =>
      startExport(ctx, { organizationId: ctx.organization.id, kind: "attendees", eventId: input.eventId, actor: auditActorOf(ctx) }).then(
        ({ filename, stream }) => ({
          filename,
          stream,
        }),
      ),
    ),
  /** The period's invoices and credit notes as one streamed ZIP (PDFs and index.csv); the console downloads it from /api/exports/invoices. */
  exportInvoices: organizationProcedure("order.manage")
    .meta(
      openapi({
        method: "GET",
        path: "/organization/invoices/archive",
        operationId: "exportInvoices",
        summary: "The invoices and credit notes issued in a period (at most 366 days, `to` excluded) as one ZIP of PDFs with index.csv, streamed",
        tags: ["organizer-orders"],
        contentType: "application/zip",
      }),
    )
    .input(ZInvoiceExportPeriod.extend({ eventId: z.uuid().optional() }))
    .query(({ ctx, input }) => {
      if (!ctx.files) throw new AppError("DOCUMENTS_UNAVAILABLE", "Stored documents are not available here.");
      return startInvoiceExport(
        { db: ctx.db, files: ctx.files, clock: ctx.clock },
        { ...input, organizationId: ctx.organization.id, actor: auditActorOf(ctx) },
      ).then(({ filename, stream }) => ({ filename, stream }));
    }),
});
