// Every tRPC procedure of the app router, read from the router definition, with a way to build a
// valid-looking input from its zod schemas (JSON Schema samples, then fields the attack chooses).
import { randomUUID } from "node:crypto";
import { appRouters } from "@marquee/api/root";
import { z } from "zod";

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation";
  /** JSON Schemas of its input parsers (a procedure may stack several, e.g. the organisation's and its own). */
  inputs: JsonSchema[];
  /** Its input names an organisation (built on organizationProcedure): organiser, door or support work. */
  organizationScoped: boolean;
  /** The apps whose router serves a procedure at this path (the same path may be a different procedure per app). */
  apps: string[];
}

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface ProcedureDef {
  _def: { type: string; inputs: unknown[] };
}

const toJsonSchema = (parser: unknown): JsonSchema => {
  try {
    return z.toJSONSchema(parser as z.ZodType, { unrepresentable: "any", io: "input" }) as JsonSchema;
  } catch {
    return {};
  }
};

export function listProcedures(): ProcedureInfo[] {
  // The union of the three apps' routers: an attack tries every procedure on every server.
  const procedures: Record<string, ProcedureDef> = {};
  const apps: Record<string, string[]> = {};
  for (const [app, router] of Object.entries(appRouters)) {
    const own = (router as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures;
    Object.assign(procedures, own);
    for (const path of Object.keys(own)) (apps[path] ??= []).push(app);
  }
  return Object.entries(procedures)
    .filter(([, procedure]) => procedure._def.type === "query" || procedure._def.type === "mutation")
    .map(([path, procedure]) => {
      const inputs = procedure._def.inputs.map(toJsonSchema);
      return {
        path,
        type: procedure._def.type as "query" | "mutation",
        inputs,
        organizationScoped: inputs.some((schema) => schema.properties?.organizationId !== undefined),
        apps: apps[path] ?? [],
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** A plausible value for a JSON Schema: enough to pass validation for most inputs. */
export function sampleOf(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const option = (schema.anyOf ?? schema.oneOf)?.find((candidate) => candidate.type !== "null");
  if (option) return sampleOf(option);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "uuid") return randomUUID();
      if (schema.format === "email") return `security-${randomUUID().slice(0, 8)}@example.test`;
      if (schema.format === "date-time") return new Date().toISOString();
      return "security suite".padEnd(schema.minLength ?? 0, "x");
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sampleOf(schema.items ?? {}));
    case "object": {
      const entries = (schema.required ?? []).map((key) => [key, sampleOf(schema.properties?.[key] ?? {})]);
      return Object.fromEntries(entries);
    }
    default:
      return undefined;
  }
}

/** The procedure's input: samples of every input parser merged, then `fields` laid over the keys it has. */
export function inputFor(procedure: ProcedureInfo, fields: Record<string, unknown> = {}): unknown {
  if (procedure.inputs.length === 0) return undefined;
  const merged: Record<string, unknown> = {};
  for (const schema of procedure.inputs) {
    const sample = sampleOf(schema);
    if (sample && typeof sample === "object" && !Array.isArray(sample)) Object.assign(merged, sample);
  }
  const known = new Set(procedure.inputs.flatMap((schema) => Object.keys(schema.properties ?? {})));
  for (const [key, value] of Object.entries(fields)) if (known.has(key)) merged[key] = value;
  return merged;
}
