import { systemClock } from "@marquee/api/clock";
import {
  createQueueClient,
  paymentAuthorized,
  paymentEventCancelled,
  paymentOrderPaid,
  paymentPing,
  paymentRefundRequested,
  paymentStripeEvent,
} from "@marquee/api/jobs";
import { claimRedisWindow } from "@marquee/api/lib/redis-lock";
import { fulfilOrder, type TFulfilDeps } from "@marquee/api/services/fulfilment/fulfil-order";
import { reconcileOrders } from "@marquee/api/services/fulfilment/reconcile-orders";
import { refundCancelledEvent } from "@marquee/api/services/organiser-event/cancel-event";
import { completeRefund } from "@marquee/api/services/refunds/refund-order";
import { applyStripeEvent } from "@marquee/api/services/payments/apply-stripe-event";
import { continuePurchaseTrace } from "@marquee/api/observability/purchase-trace";
import { createDb } from "@marquee/db";
import { type PaymentServiceServer, PaymentServiceService } from "@marquee/proto/v1/payment";
import { JobRegistry } from "../jobs/registry.ts";
import { unary } from "../runtime/grpc-server.ts";
import { createOrderDocumentsClient } from "../runtime/order-documents-client.ts";
import { queueStats, type TRoleContext, type TRoleModule } from "./types.ts";

const DEFAULT_RECONCILE_EVERY_MS = 60_000;
/**
 * The payment worker's jobs mostly wait (PostgreSQL, Stripe, the invoice and notification
 * workers): 16 at once keep 16 buyers' sagas from queueing behind each other and behind documents.
 */
const CONCURRENCY = 16;

/**
 * The payment worker: Stripe events (webhooks) applied to payments, the order saga once a card is
 * authorised (its invoice and e-mail steps are gRPC calls to the invoice and notification
 * workers), the reconciler, and ping.
 */
export function createPaymentRole(context: TRoleContext): TRoleModule {
  const db = createDb(context.databaseUrl, { max: 10 });
  const stripe = context.stripe;
  const reconcileEveryMs = context.reconcileEveryMs ?? DEFAULT_RECONCILE_EVERY_MS;
  const documents = context.addresses ? createOrderDocumentsClient(context.addresses, { metrics: context.metrics }) : null;
  // Jobs the saga's steps announce (a refund's wallet pass updates for the notification worker).
  const queues = createQueueClient(context.redis, context.prefix);
  const saga = (): TFulfilDeps => {
    if (!stripe || !context.fulfilment || !documents) throw new Error("the payment role runs without Stripe, fulfilment settings or worker addresses");
    return {
      db,
      redis: context.redis,
      redisPrefix: context.prefix,
      clock: systemClock,
      stripe: stripe.client,
      ticketKeySecret: context.fulfilment.TICKET_KEY_SECRET,
      documents: documents.documents,
      queues,
    };
  };
  const jobs = new JobRegistry(paymentPing.queue)
    .register(paymentPing, (payload, job) => {
      context.logger.info({ jobId: job.id, message: payload.message }, "payment ping");
    })
    // An intent's event continues the trace of the checkout that made the intent (purchase-trace.ts).
    .register(paymentStripeEvent, (payload) =>
      continuePurchaseTrace(context.redis, context.prefix, payload.objectId, `stripe.event ${payload.type}`, async () => {
        if (!stripe) throw new Error("the payment role runs without Stripe settings");
        const outcome = await applyStripeEvent({ db, stripe: stripe.client }, payload);
        context.logger.info({ eventId: payload.eventId, type: payload.type, objectId: payload.objectId, outcome }, "stripe event");
        return { outcome };
      }),
    )
    // Every step is idempotent: a retried job (crash, Stripe or SMTP down) finishes the order.
    // Up to PAID only (tickets, capture): the documents follow as the order.paid job below, so a
    // buyer's tickets never wait behind other orders' PDFs and e-mails.
    .register(paymentAuthorized, async ({ orderId }) => {
      const outcome = await fulfilOrder(saga(), orderId, { documents: false });
      context.logger.info({ orderId, outcome }, "order saga");
      return { outcome };
    })
    // A paid order's documents: invoice (PDF) and the confirmation e-mail, each once; a box-office
    // sale (PAID at the door) gets its tickets first. The saga wrote order.paid with PAID.
    .register(paymentOrderPaid, async ({ orderId }) => {
      const outcome = await fulfilOrder(saga(), orderId);
      context.logger.info({ orderId, outcome }, "order documents");
      return { outcome };
    })
    // completeRefund is idempotent (one Stripe refund per refund id, once-only credit note and e-mail).
    .register(paymentRefundRequested, async ({ refundId, orderId }) => {
      const result = await completeRefund(saga(), refundId);
      context.logger.info({ refundId, orderId, amountMinor: result.amountMinor, orderStatus: result.orderStatus }, "refund completed");
      return result;
    })
    // A cancelled event: a refund per paid order (skips orders with nothing left to refund, so a retried job refunds none twice).
    .register(paymentEventCancelled, async ({ eventId }) => {
      const result = await refundCancelledEvent(db, eventId);
      context.logger.info({ eventId, ...result }, "cancelled event refunds requested");
      return result;
    });
  // The reconciler: once a minute, one payment process at a time (Redis lock), finishes or
  // expires what crashes and lost jobs left behind.
  let reconciler: NodeJS.Timeout | undefined;
  let reconciling: Promise<void> = Promise.resolve();
  const reconcile = async () => {
    if (!stripe || !context.fulfilment) return;
    if (!(await claimRedisWindow(context.redis, `${context.prefix}:payment:reconcile-lock`, Math.max(1_000, reconcileEveryMs - 1_000)))) return;
    // Orders untouched for one period: their own job has had its chance.
    const result = await reconcileOrders(saga(), { graceMs: reconcileEveryMs });
    const finished = Object.keys(result.finished).length;
    const { synced, released, unknown } = result.stripe;
    if (finished > 0 || result.expired.length > 0 || result.refunds.length > 0 || synced.length > 0 || released.length > 0) {
      context.logger.warn({ finished: result.finished, expired: result.expired, refunds: result.refunds, synced, released }, "reconciler repaired orders");
    }
    if (unknown.length > 0) context.logger.error({ unknown }, "Stripe holds money for intents without a payment here: needs a person");
    if (!result.audit.ok) context.logger.error({ audit: result.audit }, "order invariants broken: needs a person");
  };
  const implementation: PaymentServiceServer = {
    getQueueStats: unary(async () => ({ stats: await queueStats(context.queue) })),
  };
  return {
    jobs,
    concurrency: CONCURRENCY,
    service: { name: "marquee.v1.PaymentService", definition: PaymentServiceService, implementation },
    start: async () => {
      // The pool connected before the first saga needs it.
      await db.$queryRaw`SELECT 1`;
      reconciler = setInterval(() => {
        reconciling = reconcile().catch((error: unknown) => context.logger.error({ err: error }, "reconciler failed"));
      }, reconcileEveryMs);
      reconciler.unref();
    },
    close: async () => {
      clearInterval(reconciler);
      await reconciling;
      documents?.close();
      await queues.close();
      await db.$disconnect();
    },
  };
}
