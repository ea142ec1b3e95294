import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { testDatabaseUrl } from "@marquee/db/testing";
import type { AuthOptions } from "next-auth";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppName } from "../auth/app-session-token.ts";
import { createAuthOptions, sessionCookieName } from "../auth/options.ts";
import { createRestHandler } from "../rest/handler.ts";
import { openapi } from "../rest/meta.ts";
import { paidOrder, sellingOrganization } from "../services/invoice/invoice-test-kit.ts";
import { startTestApiServer, useProcessEnv } from "../testing/api-server.ts";
import { TEST_AUTH_SECRET, sessionCookie, useHarness } from "../testing/harness.ts";
import { createTRPCRouter, organiserProcedure } from "../trpc.ts";
import { getNextServerSession } from "./next-server-session.ts";
import { createNextTrpcHandler } from "./next-trpc-handler.ts";

// One session, one app: the three Next apps share AUTH_SECRET, so a cookie from one app renamed
// to another's must be refused by its `app` claim, and each app's /api/trpc serves only its own
// router (the shop has no organiser procedures, the console no checkout). The public REST API
// never acts on a cookie session.

const h = useHarness();
const ORIGIN: Record<AppName, string> = { web: "http://localhost:3000", admin: "http://localhost:3001", checkin: "http://localhost:3002" };
let standalone = "";
let closeStandalone = () => {};
// The route handlers build their clients from the environment, as under `next start`.
useProcessEnv(
  () => ({
    DATABASE_URL: testDatabaseUrl(),
    REDIS_PREFIX: h.redisPrefix,
    AUTH_SECRET: TEST_AUTH_SECRET,
    WEB_URL: ORIGIN.web,
    ADMIN_URL: ORIGIN.admin,
    CHECKIN_URL: ORIGIN.checkin,
  }),
  { alsoRestore: ["NEXTAUTH_URL"] },
);

beforeAll(async () => {
  const server = await startTestApiServer(h, { publicUrl: ORIGIN.web });
  standalone = server.base;
  closeStandalone = () => void server.close();
});

afterAll(() => closeStandalone());

const handlers = { web: createNextTrpcHandler("web"), admin: createNextTrpcHandler("admin"), checkin: createNextTrpcHandler("checkin") };

interface TrpcAnswer {
  status: number;
  data?: unknown;
  error?: { message: string; data: { code: string; appCode: string } };
}

/** A tRPC call as the app's own browser client makes it (same origin, x-trpc-source). */
async function call(app: AppName, path: string, input: unknown, cookie?: string, method: "GET" | "POST" = "GET", base = ORIGIN[app]): Promise<TrpcAnswer> {
  const headers: Record<string, string> = { origin: ORIGIN[app], "sec-fetch-site": "same-origin", "x-trpc-source": app, ...(cookie ? { cookie } : {}) };
  const body = JSON.stringify({ json: input });
  const url = method === "GET" ? `${base}/api/trpc/${path}?input=${encodeURIComponent(body)}` : `${base}/api/trpc/${path}`;
  const init: RequestInit = method === "GET" ? { headers } : { method, headers: { ...headers, "content-type": "application/json" }, body };
  const response = base === ORIGIN[app] ? await handlers[app](new Request(url, init)) : await fetch(url, init);
  const json = (await response.json()) as { result?: { data?: { json?: unknown } }; error?: { json: TrpcAnswer["error"] } };
  return { status: response.status, data: json.result?.data?.json, error: json.error?.json };
}

const noProcedure = (path: string) => ({
  status: 404,
  error: { message: `No procedure found on path "${path}"`, data: expect.objectContaining({ appCode: "NOT_FOUND" }) },
});

async function organiser(role: "OWNER" | "DOOR_STAFF" = "OWNER") {
  const seller = await sellingOrganization(h);
  const user = await h.make.member(seller.organization.id, role);
  return { seller, user, organizationId: seller.organization.id };
}

describe("a session cookie works only in the app that issued it", () => {
  it("refuses a shop cookie renamed to the console's (and the other way round)", async () => {
    const { user } = await organiser();
    expect(await call("admin", "account.me", undefined, await sessionCookie(user.id, { app: "admin" }))).toMatchObject({ status: 200, data: { id: user.id } });

    const shopCookieAsConsoles = await sessionCookie(user.id, { app: "web", cookieApp: "admin" });
    expect(await call("admin", "account.me", undefined, shopCookieAsConsoles)).toMatchObject({ status: 401, error: { data: { appCode: "UNAUTHORIZED" } } });
    const consoleCookieAsShops = await sessionCookie(user.id, { app: "admin", cookieApp: "web" });
    expect(await call("web", "account.me", undefined, consoleCookieAsShops)).toMatchObject({ status: 401 });
  });

  it("refuses a shop cookie at the scanner, and a token without an app claim anywhere", async () => {
    const { user } = await organiser("DOOR_STAFF");
    expect(await call("checkin", "account.me", undefined, await sessionCookie(user.id, { app: "checkin" }))).toMatchObject({ status: 200 });
    expect(await call("checkin", "account.me", undefined, await sessionCookie(user.id, { app: "web", cookieApp: "checkin" }))).toMatchObject({ status: 401 });
    const unclaimed = await encode({ token: { sub: user.id, sessionVersion: 0 }, secret: TEST_AUTH_SECRET });
    for (const app of ["web", "admin", "checkin"] as const) {
      expect(await call(app, "account.me", undefined, `${sessionCookieName(app, false)}=${unclaimed}`)).toMatchObject({ status: 401 });
    }
  });

  it("gives server components no session for a foreign cookie", async () => {
    const { user } = await organiser();
    const headersWith = (cookie: string) => new Headers({ cookie });
    await expect(getNextServerSession("admin", headersWith(await sessionCookie(user.id, { app: "admin" })))).resolves.toMatchObject({ id: user.id });
    await expect(getNextServerSession("admin", headersWith(await sessionCookie(user.id, { app: "web", cookieApp: "admin" })))).resolves.toBeNull();
  });

  it("stamps the app at sign-in, and next-auth's own session endpoint ignores a foreign token", async () => {
    const { user } = await organiser();
    process.env.NEXTAUTH_URL = ORIGIN.admin;
    const options = createAuthOptions({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "admin", secret: TEST_AUTH_SECRET, secureCookies: false });
    // next-auth logs the refused token as JWT_SESSION_ERROR; the answer is what counts here.
    options.logger = { error: () => {}, warn: () => {}, debug: () => {} };
    const jwt = options.callbacks!.jwt! as (params: {
      token: Record<string, unknown>;
      user?: unknown;
    }) => Promise<Record<string, unknown>> | Record<string, unknown>;
    expect(await jwt({ token: {}, user: { id: user.id, sessionVersion: 0 } })).toMatchObject({ sub: user.id, app: "admin" });

    const session = async (cookie: string) => {
      const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
      const response = await authHandler({
        req: { action: "session", method: "GET", cookies: { [name]: value }, headers: { host: "localhost:3001" } },
        options,
      });
      return response.body as { user?: { id?: string } };
    };
    expect(await session(await sessionCookie(user.id, { app: "admin" }))).toMatchObject({ user: { id: user.id } });
    expect(await session(await sessionCookie(user.id, { app: "web", cookieApp: "admin" }))).toEqual({});
  });
});

// next-auth's core handler, which its route handlers wrap (not in its package exports).
const require = createRequire(import.meta.url);
const { AuthHandler: authHandler } = require(join(dirname(require.resolve("next-auth")), "core", "index.js")) as {
  AuthHandler: (params: {
    req: { action: string; method: string; cookies: Record<string, string>; headers: Record<string, string> };
    options: AuthOptions;
  }) => Promise<{ body?: unknown }>;
};

describe("each app's /api/trpc serves only its own router", () => {
  it("the shop has no organiser or door procedures, even for an organiser signed in there", async () => {
    const { seller, user, organizationId } = await organiser();
    const order = await paidOrder(h, seller);
    const shopCookie = await sessionCookie(user.id, { app: "web" });
    expect(await call("web", "order.byId", { organizationId, orderId: order.id }, shopCookie)).toMatchObject(noProcedure("order.byId"));
    expect(await call("web", "order.refunds", { organizationId, orderId: order.id }, shopCookie)).toMatchObject(noProcedure("order.refunds"));
    const refund = { organizationId, orderId: order.id, ticketIds: [crypto.randomUUID()], reason: "from the shop" };
    expect(await call("web", "order.refund", refund, shopCookie, "POST")).toMatchObject(noProcedure("order.refund"));
    expect(await call("web", "event.listForOrganization", { organizationId }, shopCookie)).toMatchObject(noProcedure("event.listForOrganization"));
    expect(await call("web", "checkin.events", { organizationId }, shopCookie)).toMatchObject(noProcedure("checkin.events"));

    // The console answers the same organiser's own cookie.
    const consoleCookie = await sessionCookie(user.id, { app: "admin" });
    expect(await call("admin", "order.byId", { organizationId, orderId: order.id }, consoleCookie)).toMatchObject({ status: 200, data: { id: order.id } });
  });

  it("the console has no checkout, carts or holds, and the scanner only its own procedures", async () => {
    const { user, organizationId } = await organiser();
    const consoleCookie = await sessionCookie(user.id, { app: "admin" });
    const checkout = { holdId: crypto.randomUUID(), buyer: { name: "Ada", email: "ada@example.test" } };
    expect(await call("admin", "order.checkout", checkout, consoleCookie, "POST")).toMatchObject(noProcedure("order.checkout"));
    expect(await call("admin", "cart.create", undefined, consoleCookie, "POST")).toMatchObject(noProcedure("cart.create"));
    expect(await call("admin", "account.updateProfile", { name: "x" }, consoleCookie, "POST")).toMatchObject(noProcedure("account.updateProfile"));
    expect(await call("admin", "checkin.events", { organizationId }, consoleCookie)).toMatchObject(noProcedure("checkin.events"));

    const door = await h.make.member(organizationId, "DOOR_STAFF");
    const scannerCookie = await sessionCookie(door.id, { app: "checkin" });
    expect(await call("checkin", "checkin.events", { organizationId }, scannerCookie)).toMatchObject({ status: 200 });
    expect(await call("checkin", "order.byId", { organizationId, orderId: crypto.randomUUID() }, scannerCookie)).toMatchObject(noProcedure("order.byId"));
    expect(await call("checkin", "order.checkout", checkout, scannerCookie, "POST")).toMatchObject(noProcedure("order.checkout"));
  });

  it("the standalone API server answers buyers' procedures only", async () => {
    const { seller, user, organizationId } = await organiser();
    const order = await paidOrder(h, seller);
    const shopCookie = await sessionCookie(user.id, { app: "web" });
    expect(await call("web", "account.me", undefined, shopCookie, "GET", standalone)).toMatchObject({ status: 200, data: { id: user.id } });
    expect(await call("web", "order.byId", { organizationId, orderId: order.id }, shopCookie, "GET", standalone)).toMatchObject(noProcedure("order.byId"));
    const refund = { organizationId, orderId: order.id, ticketIds: [crypto.randomUUID()], reason: "via the API server" };
    expect(await call("web", "order.refund", refund, shopCookie, "POST", standalone)).toMatchObject(noProcedure("order.refund"));
    expect(await call("web", "event.listForOrganization", { organizationId }, shopCookie, "GET", standalone)).toMatchObject(
      noProcedure("event.listForOrganization"),
    );
    expect(await call("web", "checkin.events", { organizationId }, shopCookie, "GET", standalone)).toMatchObject(noProcedure("checkin.events"));
  });
});

describe("the public REST API never acts on a cookie session", () => {
  // An organiser operation with REST meta (none exists yet): a cookie must not unlock it.
  const probe = createRestHandler(
    createTRPCRouter({
      probe: organiserProcedure
        .meta(openapi({ method: "GET", path: "/organizations/{organizationId}/probe", operationId: "probeOrganization", summary: "Test only" }))
        .query(({ ctx }) => ({ organizationId: ctx.organization.id })),
    }),
  );
  const restRequest = (path: string, cookie: string, method = "GET") => ({
    method,
    url: new URL(`${ORIGIN.web}/api/v1${path}`),
    ip: null,
    headers: new Headers({ cookie, "content-type": "application/json" }),
    text: () => Promise.resolve(""),
  });

  it("gives an organiser's shop cookie no organiser powers", async () => {
    const { user, organizationId } = await organiser();
    const response = await probe(restRequest(`/organizations/${organizationId}/probe`, await sessionCookie(user.id, { app: "web" })), h.httpDeps());
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  });

  it("makes guest carts even when a signed-in buyer's cookie comes along", async () => {
    const buyer = await h.make.user();
    const response = await fetch(`${standalone}/api/v1/carts`, {
      method: "POST",
      headers: { cookie: await sessionCookie(buyer.id, { app: "web" }), "content-type": "application/json" },
    });
    expect(response.status).toBe(201);
    const { cartId } = (await response.json()) as { cartId: string };
    expect(await h.db.cart.findUniqueOrThrow({ where: { id: cartId } })).toMatchObject({ userId: null });
  });
});
