import type { AnyProcedure, AnyRouter } from "@trpc/server";
import type { z } from "zod";
import type { OpenApiMeta, OpenApiOperation } from "./meta.ts";

/** One REST operation: a procedure with OpenAPI meta, its path template compiled to a matcher. */
export interface RestOperation {
  procedurePath: string;
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

/** Every procedure of the router that carries `openapi` meta, in router order. */
export function collectOperations(router: AnyRouter): RestOperation[] {
  const procedures = router._def.procedures as Record<string, AnyProcedure>;
  const operations: RestOperation[] = [];
  for (const [procedurePath, procedure] of Object.entries(procedures)) {
    const def = procedure._def as { meta?: OpenApiMeta; type: string; inputs: unknown[]; output?: unknown };
    const operation = def.meta?.openapi;
    if (!operation) continue;
    if (def.type === "subscription") throw new Error(`${procedurePath}: subscriptions cannot be REST operations`);
    if (def.inputs.length > 1) throw new Error(`${procedurePath}: REST operations take one input schema`);
    operations.push({
      procedurePath,
      type: def.type as "query" | "mutation",
      operation,
      ...compile(operation.path),
      input: def.inputs[0] as z.ZodType | undefined,
      output: def.output as z.ZodType | undefined,
    });
  }
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
