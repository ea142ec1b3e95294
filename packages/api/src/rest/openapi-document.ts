import type { AnyRouter } from "@trpc/server";
import { z } from "zod";
import { APP_ERROR_STATUS } from "../errors.ts";
import { REST_PREFIX } from "./handler.ts";
import { collectOperations, type RestOperation } from "./registry.ts";

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod schema, dates as RFC 3339 strings. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const result = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema: out }) => {
      if ((zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def.type === "date") Object.assign(out, { type: "string", format: "date-time" });
    },
  }) as JsonSchema;
  delete result.$schema;
  return result;
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

function security(op: RestOperation["operation"]) {
  const schemes = [op.cartToken && "cartToken", op.admissionToken && "admissionToken"].filter(Boolean) as string[];
  if (schemes.length === 0) return undefined;
  const all = Object.fromEntries(schemes.map((name) => [name, []]));
  const required = Object.fromEntries(
    schemes.filter((name) => (name === "cartToken" ? op.cartToken : op.admissionToken) === "required").map((name) => [name, []]),
  );
  // Optional schemes: a requirement with all of them, and one with only the required ones.
  return Object.keys(required).length === schemes.length ? [all] : [all, required];
}

function operationObject(rest: RestOperation) {
  const { operation } = rest;
  const input = rest.input ? jsonSchema(rest.input, "input") : undefined;
  const properties = input?.properties ?? {};
  const required = new Set(input?.required ?? []);
  const parameters: Record<string, unknown>[] = rest.pathParams.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: properties[name] ?? { type: "string" },
  }));
  const hasBody = operation.method !== "GET" && operation.method !== "DELETE";
  if (!hasBody) {
    for (const [name, schema] of Object.entries(properties)) {
      if (!rest.pathParams.includes(name)) parameters.push({ name, in: "query", required: required.has(name), schema });
    }
  }
  if (operation.idempotencyKey) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Retry-safe writes: the same key and body replay the first answer for 24 h; another body gives 422 IDEMPOTENCY_MISMATCH.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  let requestBody;
  if (hasBody && input) {
    const bodyProperties = Object.fromEntries(Object.entries(properties).filter(([name]) => !rest.pathParams.includes(name)));
    const bodyRequired = [...required].filter((name) => !rest.pathParams.includes(name));
    const schema = { ...input, properties: bodyProperties, required: bodyRequired };
    requestBody = {
      required: bodyRequired.length > 0,
      content: { "application/json": { schema }, ...(operation.formBody ? { "application/x-www-form-urlencoded": { schema } } : {}) },
    };
  }
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: operation.tags ?? [],
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    ...(security(operation) ? { security: security(operation) } : {}),
    responses: {
      [String(operation.successStatus ?? 200)]: {
        description: "Success",
        content: operation.contentType
          ? { [operation.contentType]: { schema: { type: "string" } } }
          : { "application/json": { schema: rest.output ? jsonSchema(rest.output, "output") : {} } },
      },
      "400": errorResponse("VALIDATION_ERROR: the input is not valid"),
      "429": { ...errorResponse("RATE_LIMITED: wait for Retry-After seconds"), headers: { "Retry-After": { schema: { type: "integer" } } } },
      default: errorResponse("Any other error, with its machine-readable code"),
    },
  };
}

/** The OpenAPI 3.1 document of the router's REST operations. */
export function createOpenApiDocument(router: AnyRouter, options: { serverUrl: string; version?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const rest of collectOperations(router)) {
    (paths[rest.operation.path] ??= {})[rest.operation.method.toLowerCase()] = operationObject(rest);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Marquee public API",
      version: options.version ?? "1.0.0",
      description: 'Events, carts, the waiting room and holds. Errors are `{ "error": { "code", "message" } }` with a machine-readable code.',
    },
    servers: [{ url: new URL(REST_PREFIX, options.serverUrl).toString() }],
    paths,
    components: {
      securitySchemes: {
        cartToken: { type: "apiKey", in: "header", name: "X-Cart-Token", description: "The bearer token of a buyer's (possibly guest) cart, from createCart." },
        admissionToken: {
          type: "apiKey",
          in: "header",
          name: "X-Admission-Token",
          description: "The waiting room's signed, single-use pass, required to hold on a queued event.",
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", examples: Object.keys(APP_ERROR_STATUS) },
                message: { type: "string" },
                issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
                details: { type: "object" },
              },
            },
          },
        },
      },
    },
  };
}
