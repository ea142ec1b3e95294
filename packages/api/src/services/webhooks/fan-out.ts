import type { Db, Prisma } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { webhookDeliver } from "../../jobs/webhook-jobs.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import type { TWebhookSource } from "./build-payload.ts";

export interface TFanOutDeps {
  db: Db;
  clock: Clock;
  queues: Pick<QueueClient, "add">;
}

/** The first attempt's job: one per delivery and attempt number, so a re-add while it exists is a no-op. */
export const deliverJobId = (deliveryId: string, attempt: number) => `webhook-deliver-${deliveryId}-${attempt}`;

/**
 * One delivery per enabled endpoint of the organisation subscribed to the event's type, unique by
 * endpoint and `sourceKey` (the outbox message id): fanning the same outbox event out again
 * creates nothing and sends nothing twice. Each new delivery's first attempt is enqueued; a lost
 * enqueue is picked up by the sweep (nextAttemptAt is now).
 */
export async function fanOutWebhook(deps: TFanOutDeps, source: TWebhookSource | null, sourceKey: string): Promise<{ created: number }> {
  if (!source) return { created: 0 };
  const endpoints = await deps.db.webhookEndpoint.findMany({
    where: { organizationId: source.organizationId, enabled: true, events: { has: source.type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return { created: 0 };
  const now = deps.clock.now();
  const created = await deps.db.webhookDelivery.createManyAndReturn({
    data: endpoints.map((endpoint) => ({
      endpointId: endpoint.id,
      organizationId: source.organizationId,
      eventType: source.type,
      sourceKey,
      payload: source.data as Prisma.InputJsonValue,
      nextAttemptAt: now,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  for (const delivery of created) await deps.queues.add(webhookDeliver, { deliveryId: delivery.id }, { jobId: deliverJobId(delivery.id, 1) });
  return { created: created.length };
}
