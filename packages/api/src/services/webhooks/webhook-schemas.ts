import { z } from "zod";

/** The event types an endpoint may subscribe to (the public contract; never rename one). */
export const WEBHOOK_EVENT_TYPES = ["order.paid", "order.refunded", "order.cancelled", "ticket.checked_in", "event.sold_out"] as const;
export const ZWebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type TWebhookEventType = z.infer<typeof ZWebhookEventType>;

const ZEvents = z.array(ZWebhookEventType).min(1).max(WEBHOOK_EVENT_TYPES.length);
const ZUrl = z.string().trim().min(1).max(2_000);
const ZDescription = z.string().trim().max(200);

export const ZCreateWebhookEndpointInput = z.object({ url: ZUrl, events: ZEvents, description: ZDescription.default("") });
export type TCreateWebhookEndpointInput = z.infer<typeof ZCreateWebhookEndpointInput>;

export const ZWebhookEndpointIdInput = z.object({ endpointId: z.uuid() });

export const ZUpdateWebhookEndpointInput = z.object({
  endpointId: z.uuid(),
  url: ZUrl.optional(),
  events: ZEvents.optional(),
  description: ZDescription.optional(),
  enabled: z.boolean().optional(),
});
export type TUpdateWebhookEndpointInput = z.infer<typeof ZUpdateWebhookEndpointInput>;

export const ZWebhookEndpoint = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  /** Until when the previous secret still signs (a second v1), after a rotation. */
  previousSecretExpiresAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TWebhookEndpoint = z.infer<typeof ZWebhookEndpoint>;

/** Create and rotate answer the secret, once; nothing reads it again. */
export const ZWebhookEndpointWithSecret = z.object({ endpoint: ZWebhookEndpoint, secret: z.string() });

export const ZWebhookEndpointList = z.object({ endpoints: z.array(ZWebhookEndpoint) });

export const ZWebhookDeliveryStatus = z.enum(["PENDING", "SUCCEEDED", "FAILED"]);

export const ZListWebhookDeliveriesInput = z.object({
  endpointId: z.uuid().optional(),
  status: ZWebhookDeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The last delivery id of the previous page (newest first). */
  cursor: z.uuid().optional(),
});
export type TListWebhookDeliveriesInput = z.infer<typeof ZListWebhookDeliveriesInput>;

export const ZWebhookDelivery = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  eventType: z.string(),
  status: ZWebhookDeliveryStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.date().nullable(),
  lastAttemptAt: z.date().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastResponseExcerpt: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.date().nullable(),
  createdAt: z.date(),
});
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;

export const ZWebhookDeliveryList = z.object({ deliveries: z.array(ZWebhookDelivery), nextCursor: z.uuid().nullable() });

export const ZWebhookDeliveryIdInput = z.object({ deliveryId: z.uuid() });

export const ZWebhookAttempt = z.object({
  attempt: z.number().int(),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  responseExcerpt: z.string(),
  error: z.string().nullable(),
  createdAt: z.date(),
});

export const ZWebhookDeliveryDetail = z.object({ delivery: ZWebhookDelivery, payload: z.unknown(), attempts: z.array(ZWebhookAttempt) });

export const ZRedeliverOutput = z.object({ deliveryId: z.uuid(), status: ZWebhookDeliveryStatus });
