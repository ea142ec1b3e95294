import { randomUUID } from "node:crypto";
import type { Db, WebhookEndpointModel as WebhookEndpoint } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type TAuditActor } from "../audit/record-audit.ts";
import { checkWebhookUrl, type TUrlPolicy } from "./url-guard.ts";
import { newWebhookSecret, sealWebhookSecret } from "./webhook-secret.ts";
import type { TCreateWebhookEndpointInput, TUpdateWebhookEndpointInput, TWebhookEndpoint } from "./webhook-schemas.ts";

export interface TWebhookEndpointDeps {
  db: Db;
  clock: Clock;
  policy: TUrlPolicy;
}

/** How long the old secret keeps signing after a rotation, as Stripe does. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1_000;
/** An organisation's endpoints are few: a bound, not a product limit. */
export const MAX_ENDPOINTS_PER_ORGANIZATION = 20;

export const endpointView = (row: WebhookEndpoint): TWebhookEndpoint => ({
  id: row.id,
  url: row.url,
  description: row.description,
  events: row.events,
  enabled: row.enabled,
  previousSecretExpiresAt: row.previousSecretExpiresAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

async function ownEndpoint(db: Db, organizationId: string, endpointId: string): Promise<WebhookEndpoint> {
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id: endpointId, organizationId } });
  if (!endpoint) throw new AppError("NOT_FOUND", "Webhook endpoint not found.");
  return endpoint;
}

/** A new endpoint; its secret is answered here once and stored sealed. */
export async function createWebhookEndpoint(
  deps: TWebhookEndpointDeps,
  input: TCreateWebhookEndpointInput & { organizationId: string; actor: TAuditActor },
): Promise<{ endpoint: TWebhookEndpoint; secret: string }> {
  const { url } = await checkWebhookUrl(input.url, deps.policy);
  const id = randomUUID();
  const secret = newWebhookSecret();
  const endpoint = await deps.db.$transaction(async (tx) => {
    if ((await tx.webhookEndpoint.count({ where: { organizationId: input.organizationId } })) >= MAX_ENDPOINTS_PER_ORGANIZATION)
      throw new AppError("CONFLICT", `An organisation has at most ${MAX_ENDPOINTS_PER_ORGANIZATION} webhook endpoints.`, { reason: "WEBHOOK_ENDPOINT_LIMIT" });
    const created = await tx.webhookEndpoint.create({
      data: {
        id,
        organizationId: input.organizationId,
        url: url.toString(),
        description: input.description,
        events: [...new Set(input.events)],
        secretCiphertext: sealWebhookSecret(id, secret),
        createdById: input.actor.userId,
      },
    });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "webhook.create",
      targetType: "webhook-endpoint",
      targetId: id,
      data: { url: created.url, events: created.events },
    });
    return created;
  });
  return { endpoint: endpointView(endpoint), secret };
}

export async function listWebhookEndpoints(db: Db, organizationId: string): Promise<TWebhookEndpoint[]> {
  const rows = await db.webhookEndpoint.findMany({ where: { organizationId }, orderBy: { createdAt: "asc" }, take: MAX_ENDPOINTS_PER_ORGANIZATION });
  return rows.map(endpointView);
}

/** Events, URL (checked again), description, enabled. */
export async function updateWebhookEndpoint(
  deps: TWebhookEndpointDeps,
  input: TUpdateWebhookEndpointInput & { organizationId: string; actor: TAuditActor },
): Promise<TWebhookEndpoint> {
  const before = await ownEndpoint(deps.db, input.organizationId, input.endpointId);
  const url = input.url === undefined ? undefined : (await checkWebhookUrl(input.url, deps.policy)).url.toString();
  const data = {
    ...(url !== undefined ? { url } : {}),
    ...(input.events !== undefined ? { events: [...new Set(input.events)] } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
  };
  const updated = await deps.db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.update({ where: { id: before.id }, data });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "webhook.update",
      targetType: "webhook-endpoint",
      targetId: before.id,
      data: { before: { url: before.url, events: before.events, enabled: before.enabled }, after: { url: row.url, events: row.events, enabled: row.enabled } },
    });
    return row;
  });
  return endpointView(updated);
}

/** Removes the endpoint and its delivery log. */
export async function deleteWebhookEndpoint(
  deps: Pick<TWebhookEndpointDeps, "db">,
  input: { organizationId: string; endpointId: string; actor: TAuditActor },
): Promise<{ deleted: true }> {
  const endpoint = await ownEndpoint(deps.db, input.organizationId, input.endpointId);
  await deps.db.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "webhook.delete",
      targetType: "webhook-endpoint",
      targetId: endpoint.id,
      data: { url: endpoint.url },
    });
  });
  return { deleted: true };
}

/** A new secret, answered once; the old one also signs (a second v1) for 24 hours. */
export async function rotateWebhookSecret(
  deps: Pick<TWebhookEndpointDeps, "db" | "clock">,
  input: { organizationId: string; endpointId: string; actor: TAuditActor },
): Promise<{ endpoint: TWebhookEndpoint; secret: string }> {
  const endpoint = await ownEndpoint(deps.db, input.organizationId, input.endpointId);
  const secret = newWebhookSecret();
  const updated = await deps.db.$transaction(async (tx) => {
    // Conditional on the secret we read: two rotations at once cannot lose the grace of the one in use.
    const hit = await tx.webhookEndpoint.updateMany({
      where: { id: endpoint.id, secretCiphertext: endpoint.secretCiphertext },
      data: {
        secretCiphertext: sealWebhookSecret(endpoint.id, secret),
        previousSecretCiphertext: endpoint.secretCiphertext,
        previousSecretExpiresAt: new Date(deps.clock.now().getTime() + ROTATION_GRACE_MS),
      },
    });
    if (hit.count === 0) throw new AppError("CONFLICT", "The secret was rotated meanwhile; reload and try again.", { reason: "WEBHOOK_SECRET_CHANGED" });
    await recordAudit(tx, {
      organizationId: input.organizationId,
      actor: input.actor,
      action: "webhook.rotate-secret",
      targetType: "webhook-endpoint",
      targetId: endpoint.id,
    });
    return tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
  });
  return { endpoint: endpointView(updated), secret };
}
