import type { Db, Prisma, WebhookDeliveryModel as WebhookDelivery } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import { webhookDeliver } from "../../jobs/webhook-jobs.ts";
import { recordAudit, type TAuditActor } from "../audit/record-audit.ts";
import type { TListWebhookDeliveriesInput, TWebhookDelivery } from "./webhook-schemas.ts";

const deliveryView = (row: WebhookDelivery): TWebhookDelivery => ({
  id: row.id,
  endpointId: row.endpointId,
  eventType: row.eventType,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  lastAttemptAt: row.lastAttemptAt,
  lastStatusCode: row.lastStatusCode,
  lastLatencyMs: row.lastLatencyMs,
  lastResponseExcerpt: row.lastResponseExcerpt,
  lastError: row.lastError,
  deliveredAt: row.deliveredAt,
  createdAt: row.createdAt,
});

/** The organisation's deliveries (of one endpoint, or all), newest first, a page at a time. */
export async function listWebhookDeliveries(
  db: Db,
  organizationId: string,
  input: TListWebhookDeliveriesInput,
): Promise<{ deliveries: TWebhookDelivery[]; nextCursor: string | null }> {
  if (input.endpointId && !(await db.webhookEndpoint.findFirst({ where: { id: input.endpointId, organizationId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", "Webhook endpoint not found.");
  const where: Prisma.WebhookDeliveryWhereInput = {
    organizationId,
    ...(input.endpointId ? { endpointId: input.endpointId } : {}),
    ...(input.status ? { status: input.status } : {}),
  };
  const rows = await db.webhookDelivery.findMany({
    where,
    // uuid v7 ids grow with time: id order is creation order, and a stable cursor.
    orderBy: { id: "desc" },
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  return { deliveries: page.map(deliveryView), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
}

/** One delivery with its body's data and every attempt. */
export async function getWebhookDelivery(db: Db, organizationId: string, deliveryId: string) {
  const delivery = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, organizationId },
    include: { attemptLog: { orderBy: { attempt: "asc" }, take: 200 } },
  });
  if (!delivery) throw new AppError("NOT_FOUND", "Webhook delivery not found.");
  return {
    delivery: deliveryView(delivery),
    payload: delivery.payload,
    attempts: delivery.attemptLog.map((row) => ({
      attempt: row.attempt,
      statusCode: row.statusCode,
      latencyMs: row.latencyMs,
      responseExcerpt: row.responseExcerpt,
      error: row.error,
      createdAt: row.createdAt,
    })),
  };
}

/**
 * Sends a delivery again now, with the same id (receivers dedupe by Marquee-Delivery): PENDING,
 * due now, and an attempt enqueued. A delivery that succeeded is sent again too (the organiser asked).
 */
export async function redeliverWebhook(
  deps: { db: Db; clock: Clock; queues: Pick<QueueClient, "add"> },
  input: { organizationId: string; deliveryId: string; actor: TAuditActor },
): Promise<{ deliveryId: string; status: "PENDING" }> {
  const delivery = await deps.db.webhookDelivery.findFirst({ where: { id: input.deliveryId, organizationId: input.organizationId } });
  if (!delivery) throw new AppError("NOT_FOUND", "Webhook delivery not found.");
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "PENDING", nextAttemptAt: now } });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "webhook.redeliver",
      targetType: "webhook-delivery",
      targetId: delivery.id,
      data: { previousStatus: delivery.status, attempts: delivery.attempts },
    });
  });
  await deps.queues.add(webhookDeliver, { deliveryId: delivery.id }, { jobId: `webhook-redeliver-${delivery.id}-${now.getTime()}` });
  return { deliveryId: delivery.id, status: "PENDING" };
}

/**
 * Re-adds the attempt jobs of PENDING deliveries that are overdue (their job lost with Redis or a
 * worker): the delivery row is the truth, the queue only a wake-up. The attempt's own claim keeps
 * a sweep and a late job from sending twice.
 */
export async function sweepWebhookDeliveries(deps: { db: Db; clock: Clock; queues: Pick<QueueClient, "add"> }, limit = 200): Promise<number> {
  const now = deps.clock.now();
  // A little grace: a delayed job due right now is about to run.
  const overdue = await deps.db.webhookDelivery.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: new Date(now.getTime() - 5_000) } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  for (const delivery of overdue)
    await deps.queues.add(webhookDeliver, { deliveryId: delivery.id }, { jobId: `webhook-sweep-${delivery.id}-${now.getTime()}` });
  return overdue.length;
}
