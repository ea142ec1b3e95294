import { status as Status } from "@grpc/grpc-js";
import { systemClock } from "@marquee/api/clock";
import { invoicePing } from "@marquee/api/jobs";
import { createLocalFileStore } from "@marquee/api/services/files/local-file-store";
import { issueOrderInvoice, issueRefundCreditNote, startDocumentRendering, warmUpDocuments } from "@marquee/api/services/fulfilment/order-documents";
import { createDb } from "@marquee/db";
import { type InvoiceServiceServer, InvoiceServiceService } from "@marquee/proto/v1/invoice";
import { JobRegistry } from "../jobs/registry.ts";
import { GrpcError, unary } from "../runtime/grpc-server.ts";
import { documentKeys, documentRequest } from "../runtime/order-documents-client.ts";
import { queueStats, type TRoleContext, type TRoleModule } from "./types.ts";

/**
 * The invoice worker: InvoiceService.IssueInvoice and IssueCreditNote for the order saga and
 * refunds (each idempotent per order or refund: numbers stay gap-free and unique under retries and
 * concurrent calls), plus `ping`.
 */
export function createInvoiceRole(context: TRoleContext): TRoleModule {
  const db = createDb(context.databaseUrl, { max: 5 });
  const files = context.fulfilment ? createLocalFileStore(context.fulfilment.FILE_STORAGE_DIR) : null;
  const deps = () => {
    if (!files) throw new GrpcError(Status.FAILED_PRECONDITION, "the invoice role runs without FILE_STORAGE_DIR settings");
    return { db, clock: systemClock, files };
  };
  const jobs = new JobRegistry(invoicePing.queue).register(invoicePing, (payload, job) => {
    context.logger.info({ jobId: job.id, message: payload.message }, "invoice ping");
  });
  let rendering: Awaited<ReturnType<typeof startDocumentRendering>> | null = null;
  const implementation: InvoiceServiceServer = {
    issueInvoice: unary(async (request, call) => {
      const orderId = documentRequest(call, "order_id", request.orderId, documentKeys.invoice);
      const invoice = await issueOrderInvoice(deps(), orderId);
      context.logger.info({ orderId, invoice: invoice.displayNumber }, "invoice issued");
      return { invoice };
    }),
    issueCreditNote: unary(async (request, call) => {
      const refundId = documentRequest(call, "refund_id", request.refundId, documentKeys.creditNote);
      const creditNote = await issueRefundCreditNote(deps(), refundId);
      context.logger.info({ refundId, creditNote: creditNote.displayNumber }, "credit note issued");
      return { creditNote };
    }),
    getQueueStats: unary(async () => ({ stats: await queueStats(context.queue) })),
  };
  return {
    jobs,
    service: { name: "marquee.v1.InvoiceService", definition: InvoiceServiceService, implementation },
    // Ready only once the first invoice would be as fast as the next: the render threads started
    // and warmed (or, inline, one render of each kind), the pool connected.
    start: async () => {
      const started = performance.now();
      rendering = await startDocumentRendering(context.pdfRenderThreads ?? 0);
      await warmUpDocuments(db, { pooled: rendering.threads > 0 });
      context.logger.info({ ms: Math.round(performance.now() - started), pdfRenderThreads: rendering.threads }, "documents warmed up");
    },
    close: async () => {
      // The worker has stopped taking jobs by now; renders already asked for finish first.
      await rendering?.stop();
      await db.$disconnect();
    },
  };
}
