import { openapi } from "../rest/meta.ts";
import { auditActorOf } from "../services/audit/record-audit.ts";
import { getWebhookDelivery, listWebhookDeliveries, redeliverWebhook } from "../services/webhooks/deliveries.ts";
import { readWebhookEnv } from "../services/webhooks/env.ts";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "../services/webhooks/manage-endpoints.ts";
import {
  ZCreateWebhookEndpointInput,
  ZListWebhookDeliveriesInput,
  ZRedeliverOutput,
  ZUpdateWebhookEndpointInput,
  ZWebhookDeliveryDetail,
  ZWebhookDeliveryIdInput,
  ZWebhookDeliveryList,
  ZWebhookEndpoint,
  ZWebhookEndpointIdInput,
  ZWebhookEndpointList,
  ZWebhookEndpointWithSecret,
} from "../services/webhooks/webhook-schemas.ts";
import { z } from "zod";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";

const manage = () => organizationProcedure("webhook.manage");
const policy = () => ({ allowPrivateNetworks: readWebhookEnv().WEBHOOK_ALLOW_PRIVATE_NETWORKS });
const tags = ["organizer-webhooks"];

/** Webhook endpoints and their delivery log (console Settings -> Webhooks, and the organiser REST API). */
export const webhookRouter = createTRPCRouter({
  list: manage()
    .meta(
      openapi({
        method: "GET",
        path: "/organization/webhook-endpoints",
        operationId: "listWebhookEndpoints",
        summary: "The organisation's webhook endpoints",
        tags,
      }),
    )
    .output(ZWebhookEndpointList)
    .query(async ({ ctx }) => ({ endpoints: await listWebhookEndpoints(ctx.db, ctx.organization.id) })),
  create: manage()
    .meta(
      openapi({
        method: "POST",
        path: "/organization/webhook-endpoints",
        operationId: "createWebhookEndpoint",
        summary: "Register an HTTPS endpoint for events; answers its signing secret (whsec_...) once",
        tags,
        successStatus: 201,
      }),
    )
    .input(ZCreateWebhookEndpointInput)
    .output(ZWebhookEndpointWithSecret)
    .mutation(({ ctx, input }) =>
      createWebhookEndpoint({ db: ctx.db, clock: ctx.clock, policy: policy() }, { ...input, organizationId: ctx.organization.id, actor: auditActorOf(ctx) }),
    ),
  update: manage()
    .input(ZUpdateWebhookEndpointInput)
    .output(ZWebhookEndpoint)
    .mutation(({ ctx, input }) =>
      updateWebhookEndpoint({ db: ctx.db, clock: ctx.clock, policy: policy() }, { ...input, organizationId: ctx.organization.id, actor: auditActorOf(ctx) }),
    ),
  delete: manage()
    .meta(
      openapi({
        method: "DELETE",
        path: "/organization/webhook-endpoints/{endpointId}",
        operationId: "deleteWebhookEndpoint",
        summary: "Remove a webhook endpoint and its delivery log",
        tags,
      }),
    )
    .input(ZWebhookEndpointIdInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx, { organizationId: ctx.organization.id, endpointId: input.endpointId, actor: auditActorOf(ctx) })),
  rotateSecret: manage()
    .input(ZWebhookEndpointIdInput)
    .output(ZWebhookEndpointWithSecret)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx, { organizationId: ctx.organization.id, endpointId: input.endpointId, actor: auditActorOf(ctx) })),
  deliveries: manage()
    .meta(
      openapi({
        method: "GET",
        path: "/organization/webhook-deliveries",
        operationId: "listWebhookDeliveries",
        summary: "The delivery log (of one endpoint or all), newest first: status, attempts, last status code, latency and response excerpt",
        tags,
      }),
    )
    .input(ZListWebhookDeliveriesInput)
    .output(ZWebhookDeliveryList)
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.db, ctx.organization.id, input)),
  delivery: manage()
    .input(ZWebhookDeliveryIdInput)
    .output(ZWebhookDeliveryDetail)
    .query(({ ctx, input }) => getWebhookDelivery(ctx.db, ctx.organization.id, input.deliveryId)),
  redeliver: manage()
    .meta(
      openapi({
        method: "POST",
        path: "/organization/webhook-deliveries/{deliveryId}/redeliver",
        operationId: "redeliverWebhook",
        summary: "Send a delivery again now, with the same Marquee-Delivery id",
        tags,
        successStatus: 202,
      }),
    )
    .input(ZWebhookDeliveryIdInput)
    .output(ZRedeliverOutput)
    .mutation(({ ctx, input }) => redeliverWebhook(ctx, { organizationId: ctx.organization.id, deliveryId: input.deliveryId, actor: auditActorOf(ctx) })),
});
