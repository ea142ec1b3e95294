import { status as Status } from "@grpc/grpc-js";
import { systemClock } from "@marquee/api/clock";
import {
  notificationEventCancelled,
  notificationOrderConfirmationResend,
  notificationOrderLinkRequested,
  notificationOrganizerSignedUp,
  notificationPasswordReset,
  notificationPing,
  notificationQueueAdmitted,
  notificationRefundRequestCreated,
  notificationSupportConversationStarted,
  notificationSupportMessageAdded,
  notificationTeamInvitationSent,
  notificationTicketTransferred,
  notificationWaitingListOffered,
  notificationWalletPassChanged,
} from "@marquee/api/jobs";
import { sendWaitingListOfferEmail } from "@marquee/api/services/waiting-list/offer-email";
import { createLocalFileStore } from "@marquee/api/services/files/local-file-store";
import { sendOrderEmail, startDocumentRendering, type TOrderEmailKind, warmUpDocuments } from "@marquee/api/services/fulfilment/order-documents";
import { createMailer } from "@marquee/api/services/mail/create-mailer";
import { sendEventCancelledEmail } from "@marquee/api/services/organiser-event/event-cancelled-email";
import { sendOrderLinkEmail } from "@marquee/api/services/order-access/send-order-link-email";
import { sendAdmissionEmail } from "@marquee/api/services/queue/admission-email";
import { pushPassChange } from "@marquee/api/services/wallet/ticket-pass-changed";
import { walletSettings } from "@marquee/api/services/wallet/env";
import { acknowledgeConversation } from "@marquee/api/services/support/acknowledge-conversation";
import { sendAgentReplyEmail } from "@marquee/api/services/support-mail/send-agent-reply";
import { sendPasswordResetEmail } from "@marquee/api/services/account/send-password-reset";
import { sendOrganizerSignUpEmail } from "@marquee/api/services/organizer-sign-up/send-organizer-sign-up";
import { sendInvitationEmail } from "@marquee/api/services/team/send-invitation";
import { sendRefundRequestEmail, sendTicketTransferEmails } from "@marquee/api/services/ticket-self-service/self-service-emails";
import { createDb } from "@marquee/db";
import { type NotificationServiceServer, NotificationServiceService, OrderEmailKind } from "@marquee/proto/v1/notification";
import { JobRegistry } from "../jobs/registry.ts";
import { GrpcError, unary } from "../runtime/grpc-server.ts";
import { documentKeys, documentRequest } from "../runtime/order-documents-client.ts";
import { registerWebhookJobs } from "./notification-webhooks.ts";
import { queueStats, type TRoleContext, type TRoleModule } from "./types.ts";

const KIND: Partial<Record<OrderEmailKind, TOrderEmailKind>> = {
  [OrderEmailKind.ORDER_EMAIL_KIND_CONFIRMATION]: "confirmation",
  [OrderEmailKind.ORDER_EMAIL_KIND_CANCELLED]: "cancelled",
  [OrderEmailKind.ORDER_EMAIL_KIND_REFUND]: "refund",
};

/**
 * The notification worker: NotificationService.SendOrderEmail (confirmation with the tickets and
 * invoice PDFs, cancellation, refund with the credit note) and the jobs `queue.admitted` (the
 * waiting room's "it's your turn" e-mail), `order.link-requested` ("Find my order": the order's
 * link again, only if the reference and address match), `support.conversation-started` (the
 * acknowledgement of a buyer's message), `support.message-added` (an agent's answer, by e-mail), `account.password-reset`, `organizer.signed-up` (the console sign-up's confirmation link, or
 * "you already have an account"), `team.invitation-sent` (a team invitation's link), the ticket self-service jobs
 * (`ticket.transferred`: the buyer and the recipient; `refund-request.created`: the organisation's
 * owners and admins), the webhook jobs (notification-webhooks.ts), `event.cancelled-notice` (a cancelled event's buyer), `order.confirmation-resend` (an organiser's resend of the
 * confirmation), `waiting-list.offered` (a waiting-list offer's link), each at most once per key through sendMailOnce, the `wallet.pass-changed`
 * job (APNs and Google Wallet updates), plus `ping`.
 */
export function createNotificationRole(context: TRoleContext): TRoleModule {
  const db = createDb(context.databaseUrl, { max: 5 });
  const fulfilment = context.fulfilment;
  const mailer = fulfilment ? createMailer({ smtpUrl: fulfilment.SMTP_URL, from: fulfilment.MAIL_FROM }) : null;
  // What sending needs, built once (null: the role runs without mail settings).
  const mailDeps =
    fulfilment && mailer
      ? {
          db,
          clock: systemClock,
          files: createLocalFileStore(fulfilment.FILE_STORAGE_DIR),
          mailer,
          mailLeaseMs: fulfilment.MAIL_LEASE_SECONDS * 1_000,
          webUrl: fulfilment.WEB_URL,
          adminUrl: fulfilment.ADMIN_URL,
          inboundEmailDomain: fulfilment.INBOUND_EMAIL_DOMAIN,
        }
      : null;
  const jobs = new JobRegistry(notificationPing.queue)
    .register(notificationPing, (payload, job) => {
      context.logger.info({ jobId: job.id, message: payload.message }, "notification ping");
    })
    .register(notificationQueueAdmitted, async ({ queueTicketId }) => {
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      const sent = await sendAdmissionEmail(mailDeps, queueTicketId);
      context.logger.info({ queueTicketId, sent }, sent ? "admission e-mail sent" : "admission e-mail not needed or sent before");
      return { sent };
    })
    // Wallet settings are read at the first such job, so a worker without wallet configuration fails only these.
    .register(notificationWalletPassChanged, ({ ticketId }) =>
      pushPassChange({ db, settings: walletSettings(), log: (message, fields) => context.logger.info(fields, message) }, ticketId),
    )
    .register(notificationOrderLinkRequested, async (payload) => {
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      const sent = await sendOrderLinkEmail(mailDeps, payload);
      // No address or reference in the log: whether an order matched stays between the worker and the inbox.
      context.logger.info({ requestId: payload.requestId, sent }, "order link request handled");
      return { sent };
    })
    .register(notificationSupportConversationStarted, async ({ conversationId }) => {
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      const sent = await acknowledgeConversation(mailDeps, conversationId);
      context.logger.info({ conversationId, sent }, sent ? "support acknowledgement sent" : "support acknowledgement not needed or sent before");
      return { sent };
    })
    .register(notificationSupportMessageAdded, async ({ conversationId, messageId, authorKind, internal }) => {
      // Buyers' messages, system events and internal notes are never mailed: nothing to do.
      if (authorKind !== "AGENT" || internal) return { sent: false };
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      const sent = await sendAgentReplyEmail(mailDeps, messageId);
      context.logger.info({ conversationId, messageId, sent }, sent ? "support reply e-mailed" : "support reply not mailed or sent before");
      return { sent };
    })
    .register(notificationPasswordReset, async (payload) => {
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      // The address stays out of the logs: whether it has an account is exactly what the form hides.
      const sent = await sendPasswordResetEmail(mailDeps, payload);
      context.logger.info({ requestId: payload.requestId, sent }, "password reset request handled");
      return { sent };
    })
    .register(notificationOrganizerSignedUp, async (payload) => {
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      // No address in the log: whether it had an account is what the sign-up form hides.
      const sent = await sendOrganizerSignUpEmail(mailDeps, payload);
      context.logger.info({ requestId: payload.requestId, sent }, "organiser sign-up e-mail handled");
      return { sent };
    })
    .register(notificationTeamInvitationSent, async (payload) => {
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      const sent = await sendInvitationEmail(mailDeps, payload);
      context.logger.info({ ...payload, sent }, "team invitation e-mail handled");
      return { sent };
    })
    .register(notificationTicketTransferred, async (payload) => {
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      const sent = await sendTicketTransferEmails(mailDeps, payload);
      context.logger.info({ ...payload, sent }, "ticket transfer e-mails");
      return { sent };
    })
    .register(notificationRefundRequestCreated, async ({ refundRequestId }) => {
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      const sent = await sendRefundRequestEmail(mailDeps, refundRequestId);
      context.logger.info({ refundRequestId, sent }, "refund request e-mails");
      return { sent };
    })
    .register(notificationEventCancelled, async ({ orderId }) => {
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      const sent = await sendEventCancelledEmail(mailDeps, orderId);
      context.logger.info({ orderId, sent }, sent ? "event cancelled e-mail sent" : "event cancelled e-mail not needed or sent before");
      return { sent };
    })
    .register(notificationOrderConfirmationResend, async ({ orderId, resendId }) => {
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      const sent = await sendOrderEmail(mailDeps, { kind: "confirmation", orderId, resendId });
      context.logger.info({ orderId, resendId, sent }, sent ? "confirmation resent" : "confirmation resend had been sent");
      return { sent };
    })
    .register(notificationWaitingListOffered, async ({ entryId }) => {
      if (!mailDeps) throw new Error("the notification role runs without mail settings");
      const sent = await sendWaitingListOfferEmail(mailDeps, entryId);
      context.logger.info({ entryId, sent }, sent ? "waiting list offer e-mailed" : "waiting list offer not needed or sent before");
      return { sent };
    });
  const webhooks = registerWebhookJobs(jobs, context, db);
  let rendering: Awaited<ReturnType<typeof startDocumentRendering>> | null = null;
  const implementation: NotificationServiceServer = {
    sendOrderEmail: unary(async (request, call) => {
      const kind = KIND[request.kind];
      if (!kind) throw new GrpcError(Status.INVALID_ARGUMENT, "kind: must be CONFIRMATION, CANCELLED or REFUND");
      if (!mailDeps) throw new GrpcError(Status.FAILED_PRECONDITION, "the notification role runs without mail settings");
      const input = { kind, orderId: request.orderId, refundId: kind === "refund" ? request.refundId : undefined };
      const key = () => documentKeys.email(input);
      documentRequest(call, "order_id", request.orderId, key);
      if (kind === "refund") documentRequest(call, "refund_id", request.refundId, key);
      const sent = await sendOrderEmail(mailDeps, input);
      context.logger.info({ kind, orderId: input.orderId, refundId: input.refundId, sent }, sent ? "e-mail sent" : "e-mail had been sent");
      return { sent };
    }),
    getQueueStats: unary(async () => ({ stats: await queueStats(context.queue) })),
  };
  return {
    jobs,
    service: { name: "marquee.v1.NotificationService", definition: NotificationServiceService, implementation },
    start: async () => {
      // Ready only once the first confirmation e-mail (tickets PDF) would be as fast as the next:
      // the render threads started and warmed (or, inline, one render of each kind).
      const started = performance.now();
      rendering = await startDocumentRendering(context.pdfRenderThreads ?? 0);
      await warmUpDocuments(db, { pooled: rendering.threads > 0 });
      context.logger.info({ ms: Math.round(performance.now() - started), pdfRenderThreads: rendering.threads }, "documents warmed up");
      await webhooks.start();
    },
    close: async () => {
      await webhooks.close();
      // The worker has stopped taking jobs by now; renders already asked for finish first.
      await rendering?.stop();
      mailer?.close();
      await db.$disconnect();
    },
  };
}
