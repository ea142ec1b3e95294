import { systemClock } from "@marquee/api/clock";
import { createLocalFileStore } from "@marquee/api/services/files/local-file-store";
import { fulfilOrder, type TFulfilDeps } from "@marquee/api/services/fulfilment/fulfil-order";
import { reconcileOrders } from "@marquee/api/services/fulfilment/reconcile-orders";
import { createMailer } from "@marquee/api/services/mail/create-mailer";
import { applyStripeEvent } from "@marquee/api/services/payments/apply-stripe-event";
import { createDb } from "@marquee/db";
import { type PaymentServiceServer, PaymentServiceService } from "@marquee/proto/v1/payment";
import { paymentAuthorized, paymentPing, paymentStripeEvent } from "../jobs/definitions";
import { JobRegistry } from "../jobs/registry";
import { unary } from "../runtime/grpc-server";
import { queueStats, type TRoleContext, type TRoleModule } from "./types";

const RECONCILE_EVERY_MS = 60_000;

/** The payment worker: Stripe events (webhooks) applied to payments, the order saga once a card is authorised, and ping. */
export function createPaymentRole(context: TRoleContext): TRoleModule {
  const db = createDb(context.databaseUrl, { max: 5 });
  const stripe = context.stripe;
  const mailer = context.fulfilment ? createMailer({ smtpUrl: context.fulfilment.SMTP_URL, from: context.fulfilment.MAIL_FROM }) : null;
  const saga = (): TFulfilDeps => {
    if (!stripe || !context.fulfilment || !mailer) throw new Error("the payment role runs without Stripe or fulfilment settings");
    return {
      db,
      redis: context.redis,
      redisPrefix: context.prefix,
      clock: systemClock,
      stripe: stripe.client,
      files: createLocalFileStore(context.fulfilment.FILE_STORAGE_DIR),
      mailer,
      ticketKeySecret: context.fulfilment.TICKET_KEY_SECRET,
      webUrl: context.fulfilment.WEB_URL,
    };
  };
  const jobs = new JobRegistry(paymentPing.queue)
    .register(paymentPing, (payload, job) => {
      context.logger.info({ jobId: job.id, message: payload.message }, "payment ping");
    })
    .register(paymentStripeEvent, async (payload) => {
      if (!stripe) throw new Error("the payment role runs without Stripe settings");
      const outcome = await applyStripeEvent({ db, stripe: stripe.client }, payload);
      context.logger.info({ eventId: payload.eventId, type: payload.type, objectId: payload.objectId, outcome }, "stripe event");
      return { outcome };
    })
    // Every step is idempotent: a retried job (crash, Stripe or SMTP down) finishes the order.
    .register(paymentAuthorized, async ({ orderId }) => {
      const outcome = await fulfilOrder(saga(), orderId);
      context.logger.info({ orderId, outcome }, "order saga");
      return { outcome };
    });
  // The reconciler: once a minute, one payment process at a time (Redis lock), finishes or
  // expires what crashes and lost jobs left behind.
  let reconciler: NodeJS.Timeout | undefined;
  let reconciling: Promise<void> = Promise.resolve();
  const reconcile = async () => {
    if (!stripe || !context.fulfilment) return;
    if (!(await context.redis.set(`${context.prefix}:payment:reconcile-lock`, "1", "PX", RECONCILE_EVERY_MS - 1_000, "NX"))) return;
    const result = await reconcileOrders(saga());
    const finished = Object.keys(result.finished).length;
    if (finished > 0 || result.expired.length > 0) context.logger.warn({ finished: result.finished, expired: result.expired }, "reconciler finished or expired orders");
  };
  const implementation: PaymentServiceServer = {
    getQueueStats: unary(async () => ({ stats: await queueStats(context.queue) })),
  };
  return {
    jobs,
    service: { name: "marquee.v1.PaymentService", definition: PaymentServiceService, implementation },
    start: async () => {
      reconciler = setInterval(() => {
        reconciling = reconcile().catch((error: unknown) => context.logger.error({ err: error }, "reconciler failed"));
      }, RECONCILE_EVERY_MS);
      reconciler.unref();
    },
    close: async () => {
      clearInterval(reconciler);
      await reconciling;
      mailer?.close();
      await db.$disconnect();
    },
  };
}
