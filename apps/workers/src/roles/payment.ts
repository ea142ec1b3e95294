import { type PaymentServiceServer, PaymentServiceService } from "@marquee/proto/v1/payment";
import { paymentPing } from "../jobs/definitions";
import { JobRegistry } from "../jobs/registry";
import { unary } from "../runtime/grpc-server";
import { queueStats, type TRoleContext, type TRoleModule } from "./types";

/** The payment worker. For now it handles `ping`; the runtime records jobs.payment.<job> in analytics. */
export function createPaymentRole(context: TRoleContext): TRoleModule {
  const jobs = new JobRegistry(paymentPing.queue).register(paymentPing, (payload, job) => {
    context.logger.info({ jobId: job.id, message: payload.message }, "payment ping");
  });
  const implementation: PaymentServiceServer = {
    getQueueStats: unary(async () => ({ stats: await queueStats(context.queue) })),
  };
  return { jobs, service: { name: "marquee.v1.PaymentService", definition: PaymentServiceService, implementation } };
}
