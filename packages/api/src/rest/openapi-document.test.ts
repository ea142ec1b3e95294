import { describe, expect, it } from "vitest";
import { z } from "zod";
import { adminRouter, webRouter } from "../root.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { openapi } from "./meta.ts";
import { createOpenApiDocument } from "./openapi-document.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deep reads of a JSON document in assertions
type Operation = Record<string, any>;
const document = createOpenApiDocument(webRouter, { serverUrl: "https://tickets.example" });
const operations = Object.values(document.paths).flatMap((byMethod) => Object.values(byMethod) as Operation[]);

// A router with the shapes the hold procedures will have: a write with a body, a path parameter,
// cart and admission tokens, and an Idempotency-Key.
const holdLikeRouter = createTRPCRouter({
  hold: createTRPCRouter({
    create: publicProcedure
      .meta(
        openapi({
          method: "POST",
          path: "/events/{eventId}/holds",
          operationId: "createHold",
          summary: "Hold tickets",
          cartToken: "required",
          admissionToken: "optional",
          idempotencyKey: true,
          successStatus: 201,
        }),
      )
      .input(z.object({ eventId: z.uuid(), items: z.array(z.object({ ticketTypeId: z.uuid(), quantity: z.number().int().min(1) })).min(1) }))
      .output(z.object({ id: z.uuid(), expiresAt: z.date() }))
      .mutation(() => ({ id: crypto.randomUUID(), expiresAt: new Date() })),
    internal: publicProcedure.query(() => "not exposed"),
  }),
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with info, servers, paths and the error schema", () => {
    expect(document).toMatchObject({
      openapi: "3.1.0",
      info: { title: expect.any(String), version: expect.any(String) },
      servers: [{ url: "https://tickets.example/api/v1" }],
    });
    expect(document.components.schemas.Error.properties.error.required).toEqual(["code", "message"]);
    expect(JSON.parse(JSON.stringify(document))).toEqual(document); // plain JSON, nothing lost in serialisation
  });

  it("lists every procedure with openapi meta, each with a unique operationId and a success response", () => {
    expect(operations.map((operation) => operation.operationId)).toEqual(expect.arrayContaining(["listEvents", "getEvent"]));
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
    for (const operation of operations) {
      expect(operation.responses.default.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
      expect(operation.responses["429"].headers["Retry-After"]).toBeDefined();
    }
  });

  it("lists the organiser webhook operations with their exact operationIds and paths", () => {
    const full = createOpenApiDocument(webRouter, { serverUrl: "https://tickets.example", organiser: adminRouter });
    const byId = Object.fromEntries(
      Object.entries(full.paths).flatMap(([path, byMethod]) =>
        Object.entries(byMethod as Record<string, Operation>).map(([method, operation]) => [operation.operationId, `${method.toUpperCase()} ${path}`]),
      ),
    );
    expect(byId).toMatchObject({
      createWebhookEndpoint: "POST /organization/webhook-endpoints",
      listWebhookEndpoints: "GET /organization/webhook-endpoints",
      deleteWebhookEndpoint: "DELETE /organization/webhook-endpoints/{endpointId}",
      listWebhookDeliveries: "GET /organization/webhook-deliveries",
      redeliverWebhook: "POST /organization/webhook-deliveries/{deliveryId}/redeliver",
    });
  });

  it("describes joinWaitingList: a buyer's POST with the cart token, the event in the path", () => {
    const join = document.paths["/events/{eventId}/waiting-list"]!.post as Operation;
    expect(join.operationId).toBe("joinWaitingList");
    expect(join.security).toEqual([{ cartToken: [] }]);
    expect(join.parameters).toEqual([expect.objectContaining({ name: "eventId", in: "path" })]);
    expect(join.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["ticketTypeId", "quantity"]));
  });

  it("describes query and path parameters and output schemas (dates as date-time strings)", () => {
    const list = document.paths["/events"]!.get as Operation;
    expect(list.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "limit", in: "query", required: false, schema: expect.objectContaining({ type: "integer", maximum: 50 }) }),
      ]),
    );
    expect(list.responses["200"].content["application/json"].schema).toMatchObject({
      type: "array",
      items: { properties: { startsAt: { type: "string", format: "date-time" } } },
    });
    const get = document.paths["/events/{idOrSlug}"]!.get as Operation;
    expect(get.parameters).toEqual([
      expect.objectContaining({ name: "idOrSlug", in: "path", required: true }),
      expect.objectContaining({ name: "locale", in: "query", required: false, schema: { type: "string", enum: ["en", "de"] } }),
    ]);
    expect(get.responses["200"].content["application/json"].schema.properties.ticketTypes.type).toBe("array");
  });

  it("declares the X-Cart-Token, X-Admission-Token and organisation bearer schemes and the Idempotency-Key header", () => {
    const holds = createOpenApiDocument(holdLikeRouter, { serverUrl: "http://localhost:3000" });
    expect(holds.components.securitySchemes).toEqual({
      cartToken: expect.objectContaining({ type: "apiKey", in: "header", name: "X-Cart-Token" }),
      admissionToken: expect.objectContaining({ type: "apiKey", in: "header", name: "X-Admission-Token" }),
      organizationToken: expect.objectContaining({ type: "http", scheme: "bearer" }),
      deviceCredential: expect.objectContaining({ type: "http", scheme: "bearer", bearerFormat: "mq_dev_<43 characters>" }),
    });
    const create = holds.paths["/events/{eventId}/holds"]!.post as Operation;
    expect(Object.keys(holds.paths)).toEqual(["/events/{eventId}/holds"]);
    expect(create.operationId).toBe("createHold");
    expect(create.security).toEqual([{ cartToken: [], admissionToken: [] }, { cartToken: [] }]);
    expect(create.parameters).toEqual([
      expect.objectContaining({ name: "eventId", in: "path" }),
      expect.objectContaining({ name: "Idempotency-Key", in: "header", required: false }),
    ]);
    expect(create.requestBody.content["application/json"].schema).toMatchObject({
      type: "object",
      required: ["items"],
      properties: { items: { type: "array" } },
    });
    expect(create.requestBody.content["application/json"].schema.properties.eventId).toBeUndefined();
    expect(create.responses["201"]).toBeDefined();
  });
});
