import type { z } from "zod";
import { AppError } from "../errors.ts";
import type { RestOperation } from "./registry.ts";

// zod 4 keeps a schema's kind in `_zod.def`; wrappers (optional, default, ...) hold `innerType`.
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"]);

function unwrap(schema: z.ZodType): Def {
  let def = defOf(schema);
  while (WRAPPERS.has(def.type) || def.type === "pipe") {
    const inner = def.type === "pipe" ? def.in : def.innerType;
    if (!inner) break;
    def = defOf(inner);
  }
  return def;
}

/** The field schemas of an object input (through optional/default wrappers), or undefined. */
export function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  if (!schema) return undefined;
  const def = unwrap(schema);
  return def.type === "object" ? def.shape : undefined;
}

/** Query strings are text: turn a value into the number/boolean/array its field expects. */
function coerce(field: z.ZodType | undefined, values: string[]): unknown {
  const def = field ? unwrap(field) : undefined;
  if (def?.type === "array") return values.map((value) => coerce(def.element, [value]));
  const value = values[values.length - 1]!;
  if (def?.type === "number" || def?.type === "int") return value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value;
  if (def?.type === "boolean") return value === "true" ? true : value === "false" ? false : value;
  return value;
}

function parseJsonBody(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_ERROR", "The request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("VALIDATION_ERROR", "The request body must be a JSON object.");
  return body as Record<string, unknown>;
}

/**
 * The procedure input from a REST request: query parameters (reads) or the JSON body (writes),
 * plus path parameters. An optional input with nothing given stays undefined.
 */
export function restInput(op: RestOperation, query: URLSearchParams, params: Record<string, string>, bodyText: string | null): unknown {
  if (!op.input) return undefined;
  const shape = objectShape(op.input);
  const input: Record<string, unknown> = {};
  if (bodyText === null) {
    for (const key of new Set(query.keys())) input[key] = coerce(shape?.[key], query.getAll(key));
  } else {
    Object.assign(input, parseJsonBody(bodyText));
  }
  for (const [name, value] of Object.entries(params)) input[name] = coerce(shape?.[name], [value]);
  if (Object.keys(input).length === 0 && op.input.safeParse(undefined).success) return undefined;
  return input;
}
