import type { AnyProcedure, AnyRouter } from "@trpc/server";
import { z } from "zod";
import { BODY_LIMITS } from "../http/body-limit.ts";
import type { OpenApiMeta, OpenApiOperation } from "./meta.ts";

/**
 * Who may call an operation: `public` (the shop's router: carts, anonymous), `api-token` (the
 * console's router: `Authorization: Bearer <organisation API token>` only, organizationId from the
 * token) or `device` (the scanners' router: `Authorization: Bearer <device credential>`, checked by
 * deviceProcedure; pairDevice, which has none yet, says `deviceCredential: "none"`).
 */
export type RestAuth = "public" | "api-token" | "device";

/** One REST operation: a procedure with OpenAPI meta, its path template compiled to a matcher. */
export interface RestOperation {
  procedurePath: string;
  auth: RestAuth;
  type: "query" | "mutation";
  operation: OpenApiOperation;
  pathParams: string[];
  matcher: RegExp;
  input: z.ZodType | undefined;
  output: z.ZodType | undefined;
}

const PARAM = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function compile(path: string): { matcher: RegExp; pathParams: string[] } {
  const pathParams = [...path.matchAll(PARAM)].map((match) => match[1]!);
  const pattern = path
    .split(PARAM)
    .map((part, index) => (index % 2 === 1 ? "([^/]+)" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return { matcher: new RegExp(`^${pattern}/?$`), pathParams };
}

const isObjectSchema = (schema: unknown): schema is z.ZodObject => schema instanceof z.ZodObject;

/** One schema for a chain of inputs (organizationProcedure's `{ organizationId }` plus the procedure's own object). */
function mergedInput(procedurePath: string, inputs: unknown[]): z.ZodType | undefined {
  if (inputs.length <= 1) return inputs[0] as z.ZodType | undefined;
  if (!inputs.every(isObjectSchema)) throw new Error(`${procedurePath}: REST operations with several inputs need zod objects`);
  return inputs.reduce<z.ZodObject>((merged, input) => merged.extend(input.shape), z.object({}));
}

/** Every procedure of the router that carries `openapi` meta, in router order. */
export function collectOperations(router: AnyRouter, auth: RestAuth = "public"): RestOperation[] {
  const procedures = router._def.procedures as Record<string, AnyProcedure>;
  const operations: RestOperation[] = [];
  for (const [procedurePath, procedure] of Object.entries(procedures)) {
    const def = procedure._def as { meta?: OpenApiMeta; type: string; inputs: unknown[]; output?: unknown };
    const operation = def.meta?.openapi;
    if (!operation) continue;
    if (def.type === "subscription") throw new Error(`${procedurePath}: subscriptions cannot be REST operations`);
    const cap = operation.maxBodyBytes;
    if (cap !== undefined && !(Number.isInteger(cap) && cap > 0 && cap <= BODY_LIMITS.restOperationMax)) {
      throw new Error(`${procedurePath}: maxBodyBytes must be a whole number of bytes up to ${BODY_LIMITS.restOperationMax}`);
    }
    operations.push({
      procedurePath,
      auth,
      type: def.type as "query" | "mutation",
      operation,
      ...compile(operation.path),
      input: mergedInput(procedurePath, def.inputs),
      output: def.output as z.ZodType | undefined,
    });
  }
  return assertUniqueOperations(operations);
}

/** Refuses two operations with the same method and path shape, or the same operationId (across routers too). */
export function assertUniqueOperations(operations: RestOperation[]): RestOperation[] {
  const seen = new Set<string>();
  for (const { operation } of operations) {
    const id = `${operation.method} ${operation.path.replace(PARAM, "{}")}`;
    if (seen.has(id) || seen.has(operation.operationId)) throw new Error(`Duplicate REST operation: ${id} (${operation.operationId})`);
    seen.add(id).add(operation.operationId);
  }
  return operations;
}

/** The operation for a method and a path below /api/v1, with its path parameters. */
export function matchOperation(operations: RestOperation[], method: string, path: string) {
  let pathMatched = false;
  for (const candidate of operations) {
    const match = candidate.matcher.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (candidate.operation.method !== method) continue;
    const params: Record<string, string> = {};
    candidate.pathParams.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1]!);
    });
    return { operation: candidate, params, pathMatched };
  }
  return { operation: undefined, params: {}, pathMatched };
}
