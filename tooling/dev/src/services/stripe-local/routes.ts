// The API surface: which method and path run which operation, and `expand[]` of id fields.
import type { FormParams } from "./form.ts";
import type { StripeList } from "./list.ts";
import { invalidParam, resourceMissing, type StripeObject } from "./objects.ts";
import { allowOnly, enumParam, expandParam, requireParam } from "./params.ts";
import {
  authenticatePaymentIntent,
  cancelPaymentIntent,
  capturePaymentIntent,
  confirmPaymentIntent,
  createPaymentIntent,
  findPaymentIntent,
  listPaymentIntents,
  updatePaymentIntent,
} from "./payment-intents.ts";
import { createRefund, findRefund, updateRefund } from "./refunds.ts";
import type { RequestContext, StripeStore } from "./store.ts";

export interface RouteInput {
  store: StripeStore;
  context: RequestContext;
  params: FormParams;
  /** The path's object id, when the route has one. */
  id: string;
  /** Base URL of this server (for next_action's test authentication link). */
  baseUrl: string;
}

export interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  /** Callable with a publishable key plus the intent's client_secret (Stripe.js's calls). */
  publishable?: boolean;
  handle(input: RouteInput): StripeObject | StripeList;
}

const retrieve = (params: FormParams) => allowOnly(params, ["expand"]);

export const routes: Route[] = [
  { method: "POST", pattern: /^\/v1\/payment_intents$/, handle: ({ store, context, params }) => createPaymentIntent(store, context, params) },
  { method: "GET", pattern: /^\/v1\/payment_intents$/, handle: ({ store, params }) => listPaymentIntents(store, params) },
  {
    method: "GET",
    pattern: /^\/v1\/payment_intents\/([^/]+)$/,
    publishable: true,
    handle: ({ store, params, id }) => (retrieve(params), findPaymentIntent(store, id)),
  },
  { method: "POST", pattern: /^\/v1\/payment_intents\/([^/]+)$/, handle: ({ store, context, params, id }) => updatePaymentIntent(store, context, id, params) },
  {
    method: "POST",
    pattern: /^\/v1\/payment_intents\/([^/]+)\/confirm$/,
    publishable: true,
    handle: ({ store, context, params, id, baseUrl }) => confirmPaymentIntent(store, context, id, params, testAuthenticateUrl(baseUrl, id)),
  },
  {
    method: "POST",
    pattern: /^\/v1\/payment_intents\/([^/]+)\/capture$/,
    handle: ({ store, context, params, id }) => capturePaymentIntent(store, context, id, params),
  },
  {
    method: "POST",
    pattern: /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
    handle: ({ store, context, params, id }) => cancelPaymentIntent(store, context, id, params),
  },
  {
    method: "POST",
    pattern: /^\/v1\/payment_intents\/([^/]+)\/test_authenticate$/,
    publishable: true,
    handle: ({ store, context, params, id }) => {
      allowOnly(params, ["outcome", "expand"]);
      const outcome = requireParam(enumParam(params, "outcome", ["succeed", "fail"] as const), "outcome");
      return authenticatePaymentIntent(store, context, id, outcome);
    },
  },
  { method: "POST", pattern: /^\/v1\/refunds$/, handle: ({ store, context, params }) => createRefund(store, context, params) },
  { method: "GET", pattern: /^\/v1\/refunds\/([^/]+)$/, handle: ({ store, params, id }) => (retrieve(params), findRefund(store, id)) },
  { method: "POST", pattern: /^\/v1\/refunds\/([^/]+)$/, handle: ({ store, context, params, id }) => updateRefund(store, context, id, params) },
  {
    method: "GET",
    pattern: /^\/v1\/charges\/([^/]+)$/,
    handle: ({ store, params, id }) => {
      retrieve(params);
      const charge = store.charges.get(id);
      if (!charge) throw resourceMissing("charge", id, "charge");
      return charge;
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/events\/([^/]+)$/,
    handle: ({ store, params, id }) => {
      retrieve(params);
      const event = store.events.get(id);
      if (!event) throw resourceMissing("event", id, "id");
      return event as unknown as StripeObject;
    },
  },
];

export const testAuthenticateUrl = (baseUrl: string, id: string) => `${baseUrl}/v1/payment_intents/${id}/test_authenticate`;

export function matchRoute(method: string, path: string): { route: Route; id: string } | "method_not_allowed" | null {
  let pathKnown = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (route.method === method) return { route, id: decodeURIComponent(match[1] ?? "") };
  }
  return pathKnown ? "method_not_allowed" : null;
}

const EXPANDABLE: Record<string, (store: StripeStore, id: string) => StripeObject | undefined> = {
  latest_charge: (store, id) => store.charges.get(id),
  charge: (store, id) => store.charges.get(id),
  payment_intent: (store, id) => store.paymentIntents.get(id),
};

/** Replace the fields named in `expand[]` by their objects (one level, as used by Marquee). */
export function expandObject(store: StripeStore, object: StripeObject | StripeList, params: FormParams): StripeObject | StripeList {
  const paths = expandParam(params);
  if (paths.length === 0) return object;
  if (object.object !== "list") return expandFields(store, object, paths);
  // A list expands its items' fields as `data.<field>`, as on Stripe.
  const itemPaths = paths.map((path) => {
    if (!path.startsWith("data."))
      throw invalidParam(`This property cannot be expanded (${path}). You may want to try expanding 'data.${path}' instead.`, { param: "expand" });
    const field = path.slice("data.".length);
    if (!EXPANDABLE[field]) throw invalidParam(`This property cannot be expanded (${path}).`, { param: "expand" });
    return field;
  });
  return { ...object, data: object.data.map((item) => expandFields(store, item, itemPaths)) };
}

function expandFields(store: StripeStore, object: StripeObject, paths: string[]): StripeObject {
  const expanded: Record<string, unknown> = { ...object };
  for (const path of paths) {
    const lookup = EXPANDABLE[path];
    if (!lookup || !(path in expanded)) throw invalidParam(`This property cannot be expanded (${path}).`, { param: "expand" });
    const value = expanded[path];
    if (typeof value === "string") expanded[path] = lookup(store, value) ?? value;
  }
  return expanded as unknown as StripeObject;
}
