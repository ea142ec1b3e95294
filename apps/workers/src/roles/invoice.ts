import { type InvoiceServiceServer, InvoiceServiceService } from "@marquee/proto/v1/invoice";
import { invoicePing } from "../jobs/definitions";
import { JobRegistry } from "../jobs/registry";
import { unary } from "../runtime/grpc-server";
import { queueStats, type TRoleContext, type TRoleModule } from "./types";

/** The invoice worker. For now it handles `ping`; the runtime records jobs.invoice.<job> in analytics. */
export function createInvoiceRole(context: TRoleContext): TRoleModule {
  const jobs = new JobRegistry(invoicePing.queue).register(invoicePing, (payload, job) => {
    context.logger.info({ jobId: job.id, message: payload.message }, "invoice ping");
  });
  const implementation: InvoiceServiceServer = {
    getQueueStats: unary(async () => ({ stats: await queueStats(context.queue) })),
  };
  return { jobs, service: { name: "marquee.v1.InvoiceService", definition: InvoiceServiceService, implementation } };
}
