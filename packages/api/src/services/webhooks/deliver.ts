import { randomInt } from "node:crypto";
import type { Db, WebhookDeliveryModel as WebhookDelivery } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import { webhookDeliver } from "../../jobs/webhook-jobs.ts";
import { AppError } from "../../errors.ts";
import { deliverJobId } from "./fan-out.ts";
import { postWebhook, RESPONSE_EXCERPT_CHARS, type TPostResult } from "./post-webhook.ts";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signMarqueePayload } from "./signature.ts";
import { checkWebhookUrl, type TUrlPolicy } from "./url-guard.ts";
import { openWebhookSecret } from "./webhook-secret.ts";

export interface TDeliverDeps {
  db: Db;
  clock: Clock;
  queues: Pick<QueueClient, "add">;
  policy: TUrlPolicy;
  /** The request timeout (10 s). */
  timeoutMs?: number;
}

/** Retries stop a day after the delivery was created (its first attempt). */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 2 * 60 * 60 * 1_000;
/** While one attempt runs, nobody else claims the delivery (longer than the request timeout). */
const ATTEMPT_LEASE_MS = 60_000;

/** 30 s doubling per failed attempt, capped at 2 h, minus up to 20 % jitter so failed endpoints' retries spread out. */
export function retryDelayMs(failedAttempts: number): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1));
  return base - randomInt(0, Math.floor(base / 5) + 1);
}

/** The body as sent, the same bytes on every attempt: `{ id, type, created, data }`. */
export const webhookBody = (delivery: Pick<WebhookDelivery, "id" | "eventType" | "createdAt" | "payload">) =>
  JSON.stringify({ id: delivery.id, type: delivery.eventType, created: Math.floor(delivery.createdAt.getTime() / 1000), data: delivery.payload });

export type TAttemptOutcome = "SUCCEEDED" | "RETRY" | "FAILED" | "NOT_DUE";

/**
 * One attempt of one delivery, if it is due: claimed with a conditional update (a sweep and a
 * delayed job racing send once), signed with the endpoint's secret (and the previous one during a
 * rotation's grace), the URL checked again and the connection pinned to the checked address.
 * Logged as a WebhookAttempt and in the delivery's last* fields; 2xx -> SUCCEEDED; otherwise the
 * next attempt is scheduled with backoff, or FAILED once the day is over.
 */
export async function attemptDelivery(deps: TDeliverDeps, deliveryId: string): Promise<TAttemptOutcome> {
  const now = deps.clock.now();
  const claimed = await deps.db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: "PENDING", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    data: { nextAttemptAt: new Date(now.getTime() + ATTEMPT_LEASE_MS) },
  });
  if (claimed.count === 0) return "NOT_DUE";
  const delivery = await deps.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { endpoint: true } });
  const attempt = delivery.attempts + 1;
  const result = await send(deps, delivery, now);
  const succeeded = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const retryAt = new Date(now.getTime() + retryDelayMs(attempt));
  // A disabled endpoint is not retried: the organiser turned it off (redeliver sends it once re-enabled).
  const outcome: TAttemptOutcome = succeeded
    ? "SUCCEEDED"
    : !delivery.endpoint.enabled || retryAt.getTime() - delivery.createdAt.getTime() > RETRY_WINDOW_MS
      ? "FAILED"
      : "RETRY";
  await deps.db.$transaction([
    deps.db.webhookAttempt.create({
      data: {
        deliveryId,
        attempt,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        responseExcerpt: result.excerpt.slice(0, RESPONSE_EXCERPT_CHARS),
        error: result.error,
        createdAt: now,
      },
    }),
    deps.db.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        status: outcome === "RETRY" ? "PENDING" : outcome,
        attempts: attempt,
        nextAttemptAt: outcome === "RETRY" ? retryAt : null,
        lastAttemptAt: now,
        lastStatusCode: result.statusCode,
        lastLatencyMs: result.latencyMs,
        lastResponseExcerpt: result.excerpt.slice(0, RESPONSE_EXCERPT_CHARS),
        lastError: result.error,
        ...(succeeded ? { deliveredAt: now } : {}),
      },
    }),
  ]);
  if (outcome === "RETRY")
    await deps.queues.add(webhookDeliver, { deliveryId }, { jobId: deliverJobId(deliveryId, attempt + 1), delay: retryAt.getTime() - now.getTime() });
  return outcome;
}

async function send(
  deps: TDeliverDeps,
  delivery: WebhookDelivery & {
    endpoint: {
      id: string;
      url: string;
      enabled: boolean;
      secretCiphertext: string;
      previousSecretCiphertext: string | null;
      previousSecretExpiresAt: Date | null;
    };
  },
  now: Date,
): Promise<TPostResult> {
  const failed = (error: string): TPostResult => ({ statusCode: null, latencyMs: 0, excerpt: "", error });
  const { endpoint } = delivery;
  if (!endpoint.enabled) return failed("The endpoint is disabled.");
  const secret = openWebhookSecret(endpoint.id, endpoint.secretCiphertext);
  if (!secret) return failed("The endpoint's secret cannot be opened (AUTH_SECRET changed?).");
  const previous =
    endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now
      ? openWebhookSecret(endpoint.id, endpoint.previousSecretCiphertext)
      : null;
  let target;
  try {
    target = await checkWebhookUrl(endpoint.url, deps.policy);
  } catch (error) {
    return failed(error instanceof AppError ? error.message : "The URL could not be checked.");
  }
  const body = webhookBody(delivery);
  const signature = signMarqueePayload(body, previous ? [secret, previous] : [secret], Math.floor(now.getTime() / 1000));
  return postWebhook(target, body, { [SIGNATURE_HEADER]: signature, [DELIVERY_HEADER]: delivery.id, [EVENT_HEADER]: delivery.eventType }, deps.timeoutMs);
}
