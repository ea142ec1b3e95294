import { applyStripeEvent } from "@marquee/api/services/payments/apply-stripe-event";
import { createDb } from "@marquee/db";
import { type PaymentServiceServer, PaymentServiceService } from "@marquee/proto/v1/payment";
import { paymentPing, paymentStripeEvent } from "../jobs/definitions";
import { JobRegistry } from "../jobs/registry";
import { unary } from "../runtime/grpc-server";
import { queueStats, type TRoleContext, type TRoleModule } from "./types";

/** The payment worker: Stripe events (webhooks) applied to payments, and ping. */
export function createPaymentRole(context: TRoleContext): TRoleModule {
  const db = createDb(context.databaseUrl, { max: 5 });
  const stripe = context.stripe;
  const jobs = new JobRegistry(paymentPing.queue)
    .register(paymentPing, (payload, job) => {
      context.logger.info({ jobId: job.id, message: payload.message }, "payment ping");
    })
    .register(paymentStripeEvent, async (payload) => {
      if (!stripe) throw new Error("the payment role runs without Stripe settings");
      const outcome = await applyStripeEvent({ db, stripe: stripe.client }, payload);
      context.logger.info({ eventId: payload.eventId, type: payload.type, objectId: payload.objectId, outcome }, "stripe event");
      return { outcome };
    });
  const implementation: PaymentServiceServer = {
    getQueueStats: unary(async () => ({ stats: await queueStats(context.queue) })),
  };
  return {
    jobs,
    service: { name: "marquee.v1.PaymentService", definition: PaymentServiceService, implementation },
    close: async () => {
      await db.$disconnect();
    },
  };
}
