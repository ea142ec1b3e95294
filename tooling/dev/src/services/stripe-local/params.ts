// Reading typed parameters out of a decoded form, with Stripe's messages for bad input.
import type { FormParams, FormValue } from "./form.ts";
import { invalidParam, type Metadata } from "./objects.ts";

/** Stripe rejects parameters an endpoint does not know: `Received unknown parameter: foo`. */
export function allowOnly(params: FormParams, allowed: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) throw invalidParam(`Received unknown parameter: ${name}`, { code: "parameter_unknown", param: name });
  }
}

function scalar(params: FormParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalidParam(`Invalid ${name}: must be a string`, { param: name });
  return value;
}

export function requireParam<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw invalidParam(`Missing required param: ${name}.`, { code: "parameter_missing", param: name });
  return value;
}

export function integerParam(params: FormParams, name: string, min = 0): number | undefined {
  const raw = scalar(params, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw invalidParam(`Invalid integer: ${raw}`, { code: "parameter_invalid_integer", param: name });
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw invalidParam(`This value must be greater than or equal to ${min}.`, { param: name });
  return value;
}

export function stringParam(params: FormParams, name: string): string | undefined {
  const value = scalar(params, name);
  if (value === "")
    throw invalidParam(
      `You passed an empty string for '${name}'. We assume empty values are an attempt to unset a parameter; however '${name}' cannot be unset. You should remove '${name}' from your request or supply a non-empty value.`,
      { code: "parameter_invalid_empty", param: name },
    );
  return value;
}

export function enumParam<T extends string>(params: FormParams, name: string, values: readonly T[]): T | undefined {
  const value = stringParam(params, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    const list = values.length > 1 ? `${values.slice(0, -1).join(", ")}, or ${values.at(-1)}` : values.join("");
    throw invalidParam(`Invalid ${name}: must be one of ${list}`, { param: name });
  }
  return value as T;
}

export function booleanParam(params: FormParams, name: string): boolean | undefined {
  const value = scalar(params, name);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") throw invalidParam(`Invalid boolean: ${value}`, { param: name });
  return value === "true";
}

const isObject = (value: FormValue | undefined): value is { [key: string]: FormValue } => typeof value === "object" && !Array.isArray(value);

/**
 * Merge `metadata[key]=value` into `current`. An empty value removes the key, and `metadata=`
 * (empty string) clears it, as on Stripe.
 */
export function metadataParam(params: FormParams, current: Metadata = {}): Metadata {
  const value = params.metadata;
  if (value === undefined) return current;
  if (value === "") return {};
  if (!isObject(value)) throw invalidParam("Invalid metadata: must be a hash", { param: "metadata" });
  const merged: Metadata = { ...current };
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") throw invalidParam(`Invalid value for metadata[${key}]: must be a string`, { param: `metadata[${key}]` });
    if (key.length > 40) throw invalidParam(`Invalid metadata[${key}]: keys must be at most 40 characters`, { param: `metadata[${key}]` });
    if (item.length > 500) throw invalidParam(`Invalid metadata[${key}]: values must be at most 500 characters`, { param: `metadata[${key}]` });
    if (item === "") delete merged[key];
    else merged[key] = item;
  }
  if (Object.keys(merged).length > 50) throw invalidParam("Invalid metadata: at most 50 keys", { param: "metadata" });
  return merged;
}

/** `expand[]` / `expand[0]`: the fields to replace by their objects. */
export function expandParam(params: FormParams): string[] {
  const value = params.expand;
  if (value === undefined) return [];
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : null;
  if (!list || list.some((item) => typeof item !== "string")) throw invalidParam("Invalid array", { param: "expand" });
  return list as string[];
}

/** A nested hash parameter kept as sent (e.g. `automatic_payment_methods[enabled]`). */
export function hashParam(params: FormParams, name: string): { [key: string]: FormValue } | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!isObject(value)) throw invalidParam(`Invalid ${name}: must be a hash`, { param: name });
  return value;
}

export function stringListParam(params: FormParams, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) throw invalidParam("Invalid array", { param: name });
  return value as string[];
}
