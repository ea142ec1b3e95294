import type { AnyRouter } from "@trpc/server";
import { z } from "zod";
import { APP_ERROR_STATUS } from "../errors.ts";
import { BODY_LIMITS } from "../http/body-limit.ts";
import { REST_PREFIX } from "./handler.ts";
import { assertUniqueOperations, collectOperations, type RestOperation } from "./registry.ts";

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

/**
 * Every operation names its security: organiser operations the organisation's bearer token;
 * public ones their cart/admission tokens, or `[{}]` (no credential) when they need none.
 */
function security(rest: RestOperation) {
  if (rest.auth === "api-token") return [{ organizationToken: [] }];
  if (rest.auth === "device") return rest.operation.deviceCredential === "none" ? [{}] : [{ deviceCredential: [] }];
  const op = rest.operation;
  const schemes = [op.cartToken && "cartToken", op.admissionToken && "admissionToken"].filter(Boolean) as string[];
  if (schemes.length === 0) return [{}];
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
  const properties = { ...input?.properties };
  const required = new Set(input?.required ?? []);
  // Organiser operations act in the calling token's organisation: organizationId comes from the token.
  if (rest.auth === "api-token") {
    delete properties.organizationId;
    required.delete("organizationId");
  }
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
    security: security(rest),
    ...(operation.maxBodyBytes ? { "x-max-body-bytes": operation.maxBodyBytes } : {}),
    responses: {
      [String(operation.successStatus ?? 200)]: {
        description: "Success",
        content: operation.contentType
          ? { [operation.contentType]: { schema: { type: "string" } } }
          : { "application/json": { schema: rest.output ? jsonSchema(rest.output, "output") : {} } },
      },
      "400": errorResponse("VALIDATION_ERROR: the input is not valid"),
      ...(rest.auth === "api-token"
        ? {
            "401": errorResponse("UNAUTHORIZED: no, an unknown, a revoked or an expired organisation API token"),
            "403": errorResponse("FORBIDDEN: the token's role lacks this capability, or another organisation's id"),
          }
        : {}),
      ...(rest.auth === "device" && rest.operation.deviceCredential !== "none"
        ? { "401": errorResponse("UNAUTHORIZED: no or an unknown (rolled) device credential; DEVICE_REVOKED: the device was revoked (wipe its data)") }
        : {}),
      ...(hasBody ? { "413": errorResponse(`PAYLOAD_TOO_LARGE: the body is larger than ${operation.maxBodyBytes ?? BODY_LIMITS.rest} bytes`) } : {}),
      "429": { ...errorResponse("RATE_LIMITED: wait for Retry-After seconds"), headers: { "Retry-After": { schema: { type: "integer" } } } },
      default: errorResponse("Any other error, with its machine-readable code"),
    },
  };
}

/** The OpenAPI 3.1 document of the router's REST operations, and of the organiser router's (bearer token) and the scanners' (device credential) when given. */
export function createOpenApiDocument(router: AnyRouter, options: { serverUrl: string; version?: string; organiser?: AnyRouter; device?: AnyRouter }) {
  const paths: Record<string, Record<string, unknown>> = {};
  const operations = [
    ...collectOperations(router),
    ...(options.organiser ? collectOperations(options.organiser, "api-token") : []),
    ...(options.device ? collectOperations(options.device, "device") : []),
  ];
  for (const rest of assertUniqueOperations(operations)) {
    (paths[rest.operation.path] ??= {})[rest.operation.method.toLowerCase()] = operationObject(rest);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Marquee public API",
      version: options.version ?? "1.0.0",
      description:
        'Events, carts, the waiting room and holds; and, with an organisation API token (`Authorization: Bearer mq_org_...`), the organiser operations under `/organization`; and, with a scanner device credential (`Authorization: Bearer mq_dev_...`, from pairDevice), the door check-in operations under `/checkin`. Errors are `{ "error": { "code", "message" } }` with a machine-readable code.',
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
        deviceCredential: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "mq_dev_<43 characters>",
          description:
            "A door scanner's credential, answered once by pairDevice (or registerDevice). A rolled one is 401 UNAUTHORIZED; a revoked device is 401 DEVICE_REVOKED, on which the scanner wipes its local data.",
        },
        organizationToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "mq_org_<43 characters>",
          description: "An organisation API token (created in the console, shown once). It acts in its organisation with its role; cookies are never accepted.",
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
