import { type TOrderDocuments, type TOrderEmailKind } from "@marquee/api/services/fulfilment/order-documents";
import { InvoiceServiceClient, InvoiceServiceService } from "@marquee/proto/v1/invoice";
import { NotificationServiceClient, NotificationServiceService, OrderEmailKind } from "@marquee/proto/v1/notification";
import { status as Status } from "@grpc/grpc-js";
import { z } from "zod";
import { createServiceClient, idempotencyKeyOf, type TBreakerOptions } from "./grpc-client/index.ts";
import { GrpcError } from "./grpc-server.ts";
import { type TMetrics } from "./metrics.ts";

/** Per attempt: an invoice is a transaction and a ~25 ms PDF; an e-mail renders PDFs and talks SMTP. */
export const INVOICE_DEADLINE_MS = 10_000;
export const NOTIFICATION_DEADLINE_MS = 20_000;

export const EMAIL_KIND: Record<TOrderEmailKind, OrderEmailKind> = {
  confirmation: OrderEmailKind.ORDER_EMAIL_KIND_CONFIRMATION,
  cancelled: OrderEmailKind.ORDER_EMAIL_KIND_CANCELLED,
  refund: OrderEmailKind.ORDER_EMAIL_KIND_REFUND,
};

/** The idempotency keys of the document calls: the servers check the metadata carries exactly these. */
export const documentKeys = {
  invoice: (orderId: string) => `invoice:${orderId}`,
  creditNote: (refundId: string) => `credit-note:${refundId}`,
  email: (input: { kind: TOrderEmailKind; orderId: string; refundId?: string }) =>
    input.kind === "refund" ? `email:refund:${input.refundId ?? ""}` : `email:${input.kind}:${input.orderId}`,
};

const ZId = z.uuid();

/** Server side: the request's id, or INVALID_ARGUMENT; the metadata's idempotency key must be the one derived from it. */
export function documentRequest(call: Parameters<typeof idempotencyKeyOf>[0], field: string, value: string, key: (id: string) => string): string {
  if (!ZId.safeParse(value).success) throw new GrpcError(Status.INVALID_ARGUMENT, `${field}: must be a UUID`);
  if (idempotencyKeyOf(call) !== key(value)) throw new GrpcError(Status.INVALID_ARGUMENT, `x-idempotency-key must be ${key(value)}`);
  return value;
}

export interface TDocumentClientOptions {
  metrics?: TMetrics;
  invoiceDeadlineMs?: number;
  notificationDeadlineMs?: number;
  retries?: number;
  breaker?: Partial<TBreakerOptions>;
}

/**
 * The order saga's document steps as gRPC calls: IssueInvoice / IssueCreditNote on the invoice
 * worker, SendOrderEmail on the notification worker. Each call carries its idempotency key in
 * `x-idempotency-key`, so it is retried with backoff on UNAVAILABLE / DEADLINE_EXCEEDED / ABORTED;
 * each target has its own circuit breaker. When the calls still fail, the error fails the job,
 * and BullMQ runs the (idempotent) saga again later.
 */
export function createOrderDocumentsClient(addresses: { invoice: string; notification: string }, options: TDocumentClientOptions = {}) {
  const common = { retries: options.retries, breaker: options.breaker, metrics: options.metrics };
  const invoice = createServiceClient(InvoiceServiceClient, addresses.invoice, { ...common, deadlineMs: options.invoiceDeadlineMs ?? INVOICE_DEADLINE_MS });
  const notification = createServiceClient(NotificationServiceClient, addresses.notification, {
    ...common,
    deadlineMs: options.notificationDeadlineMs ?? NOTIFICATION_DEADLINE_MS,
  });

  const documents: TOrderDocuments = {
    async issueInvoice(orderId) {
      const reply = await invoice.call(InvoiceServiceService.issueInvoice, { orderId }, { idempotencyKey: documentKeys.invoice(orderId) });
      return { id: reply.invoice!.id, displayNumber: reply.invoice!.displayNumber };
    },
    async issueCreditNote(refundId) {
      const reply = await invoice.call(InvoiceServiceService.issueCreditNote, { refundId }, { idempotencyKey: documentKeys.creditNote(refundId) });
      return { id: reply.creditNote!.id, displayNumber: reply.creditNote!.displayNumber };
    },
    async sendOrderEmail(input) {
      const request = { kind: EMAIL_KIND[input.kind], orderId: input.orderId, refundId: input.refundId ?? "" };
      const reply = await notification.call(NotificationServiceService.sendOrderEmail, request, { idempotencyKey: documentKeys.email(input) });
      return reply.sent;
    },
  };

  return {
    documents,
    breakerStates: () => ({ invoice: invoice.breaker.state(), notification: notification.breaker.state() }),
    close: () => {
      invoice.close();
      notification.close();
    },
  };
}

export type TOrderDocumentsClient = ReturnType<typeof createOrderDocumentsClient>;
