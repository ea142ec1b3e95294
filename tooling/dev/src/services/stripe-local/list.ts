// Stripe's cursor pagination for list endpoints: `limit`, `starting_after`, `ending_before` and
// the `created` range filter, over objects kept newest first.
import type { FormParams } from "./form.ts";
import { invalidParam, resourceMissing, type StripeObject } from "./objects.ts";
import { hashParam, integerParam, stringParam } from "./params.ts";

export interface StripeList<T extends StripeObject = StripeObject> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
const CREATED_OPERATORS = ["gt", "gte", "lt", "lte"] as const;

type CreatedFilter = (created: number) => boolean;

/** `created=<unix>` (that second) or `created[gt|gte|lt|lte]=<unix>`. */
function createdParam(params: FormParams): CreatedFilter {
  if (params.created === undefined) return () => true;
  if (typeof params.created === "string") {
    const exact = integerParam(params, "created")!;
    return (created) => created === exact;
  }
  const range = hashParam(params, "created")!;
  const bounds: { operator: (typeof CREATED_OPERATORS)[number]; value: number }[] = [];
  for (const key of Object.keys(range)) {
    const operator = CREATED_OPERATORS.find((candidate) => candidate === key);
    if (!operator) throw invalidParam(`Received unknown parameter: created[${key}]`, { code: "parameter_unknown", param: `created[${key}]` });
    const name = `created[${key}]`;
    bounds.push({ operator, value: integerParam({ [name]: range[key]! }, name)! });
  }
  return (created) =>
    bounds.every(({ operator, value }) =>
      operator === "gt" ? created > value : operator === "gte" ? created >= value : operator === "lt" ? created < value : created <= value,
    );
}

function limitParam(params: FormParams): number {
  const limit = integerParam(params, "limit", Number.MIN_SAFE_INTEGER) ?? DEFAULT_LIMIT;
  if (limit < 1 || limit > MAX_LIMIT) throw invalidParam(`Invalid limit: must be between 1 and ${MAX_LIMIT}`, { param: "limit" });
  return limit;
}

/**
 * One page of `newestFirst` (already in list order: created desc, then latest creation first).
 * A cursor is a position in the whole list, so it need not match the filters, as on Stripe.
 */
export function listPage<T extends StripeObject>(
  newestFirst: T[],
  params: FormParams,
  options: { url: string; kind: string; filter?: (object: T) => boolean },
): StripeList<T> {
  const limit = limitParam(params);
  const startingAfter = stringParam(params, "starting_after");
  const endingBefore = stringParam(params, "ending_before");
  if (startingAfter !== undefined && endingBefore !== undefined)
    throw invalidParam("You may only specify one of these parameters: ending_before, starting_after.");
  const inCreated = createdParam(params);
  const matches = (object: T) => inCreated(object.created) && (options.filter?.(object) ?? true);
  const position = (id: string, param: string) => {
    const index = newestFirst.findIndex((object) => object.id === id);
    if (index < 0) throw resourceMissing(options.kind, id, param);
    return index;
  };

  if (endingBefore !== undefined) {
    // The `limit` objects just newer than the cursor, still answered newest first.
    const newer = newestFirst.slice(0, position(endingBefore, "ending_before")).filter(matches);
    return { object: "list", data: newer.slice(-limit), has_more: newer.length > limit, url: options.url };
  }
  const older = newestFirst.slice(startingAfter === undefined ? 0 : position(startingAfter, "starting_after") + 1).filter(matches);
  return { object: "list", data: older.slice(0, limit), has_more: older.length > limit, url: options.url };
}
