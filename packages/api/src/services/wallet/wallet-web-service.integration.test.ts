// The wallet's HTTP side as a phone meets it: links only for whoever may read the order, signed
// downloads, Apple's PassKit web service (token required, tags, If-Modified-Since) and a
// revoked ticket's pass becoming void with a later Last-Modified.
import { randomUUID } from "node:crypto";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { handleWalletRequest, type TWalletHttpRequest } from "../../http/wallet-http.ts";
import { useHarness } from "../../testing/harness.ts";
import { createCart } from "../cart/create-cart.ts";
import { orderAccessToken } from "../order-access/order-link.ts";
import { revokeTickets } from "../tickets/revoke-tickets.ts";
import { ticketDeps } from "../tickets/tickets-test-kit.ts";
import { ticketPassChanged } from "./ticket-pass-changed.ts";
import { readWalletEnv, walletSettingsFromEnv } from "./env.ts";
import { ticketWalletLinks } from "./wallet-links.ts";
import { paidOrderWithTickets } from "./wallet-test-kit.ts";
import { passAuthToken, walletPassLink } from "./wallet-tokens.ts";
import { systemClock } from "../../clock.ts";

const h = useHarness();
const settings = walletSettingsFromEnv(readWalletEnv({ NODE_ENV: "test" }));
const passType = settings.apple.passTypeId;

const call = (request: Partial<TWalletHttpRequest> & { url: string }) =>
  handleWalletRequest(
    { db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, settings, log: () => {} },
    { method: "GET", ip: `203.0.113.${Math.floor(Math.random() * 250)}`, authorization: null, ifModifiedSince: null, readBody: async () => "", ...request },
  );
const passJsonOf = (body: unknown) =>
  JSON.parse(Buffer.from(unzipSync(new Uint8Array(body as Buffer))["pass.json"]!).toString("utf8")) as Record<string, unknown>;
const service = (path: string) => `/api/wallet/apple/v1${path}`;

describe("wallet links (wallet.links)", () => {
  it("go to the signed-in owner of the order and to a guest order's cart only; another user's or cart's ticket is NOT_FOUND", async () => {
    const owner = await h.make.user();
    const other = await h.make.user();
    const { seatedTicket } = await paidOrderWithTickets(h, { userId: owner.id });

    const mine = await (await h.callerAs(owner.id)).wallet.links({ ticketId: seatedTicket.id });
    expect(mine.applePass).toMatch(/^\/api\/wallet\/passes\/v1\./);
    expect(mine.googleSave).toMatch(/^https:\/\/pay\.google\.com\/gp\/v\/save\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(mine.development).toBe(true);
    await expect((await h.callerAs(other.id)).wallet.links({ ticketId: seatedTicket.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect((await h.callerAs(null)).wallet.links({ ticketId: seatedTicket.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect((await h.callerAs(owner.id)).wallet.links({ ticketId: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect((await h.callerAs(owner.id)).wallet.links({ ticketId: "not-a-uuid" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // A guest order: its cart's token, not another cart's.
    const cart = await createCart({ db: h.db, clock: systemClock }, null);
    const strangerCart = await createCart({ db: h.db, clock: systemClock }, null);
    const guest = await paidOrderWithTickets(h, { cartId: cart.cartId });
    const asCart = async (token: string) => (await h.callerAs(null, { request: { cartToken: token } })).wallet.links({ ticketId: guest.gaTicket.id });
    expect((await asCart(cart.token)).ticketId).toBe(guest.gaTicket.id);
    await expect(asCart(strangerCart.token)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // A guest on another device with the order's e-mailed link (bound to the order and the buyer's address).
    const order = await h.db.order.findUniqueOrThrow({ where: { id: guest.gaTicket.orderId }, select: { id: true, buyerEmail: true } });
    const inAWeek = new Date(Date.now() + 7 * 24 * 3_600_000);
    const asLink = async (token: string) => (await h.callerAs(null, { request: { orderToken: token } })).wallet.links({ ticketId: guest.gaTicket.id });
    expect((await asLink(orderAccessToken(order, inAWeek))).ticketId).toBe(guest.gaTicket.id);
    await expect(asLink(orderAccessToken({ id: randomUUID(), buyerEmail: order.buyerEmail }, inAWeek))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(asLink(orderAccessToken({ id: order.id, buyerEmail: "someone.else@example.com" }, inAWeek))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(asLink(orderAccessToken(order, new Date(Date.now() - 1_000)))).rejects.toMatchObject({ code: "NOT_FOUND" });

    // No links for a revoked ticket.
    await revokeTickets(ticketDeps(h), { ticketIds: [guest.gaTicket.id], reason: "transferred" });
    await expect(asCart(cart.token)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("download the pass through the signed link; an altered link is 404, an expired one 410", async () => {
    const owner = await h.make.user();
    const { gaTicket } = await paidOrderWithTickets(h, { userId: owner.id });
    const { applePass } = await ticketWalletLinks({ db: h.db, clock: systemClock, settings }, { cart: null, sessionUserId: owner.id }, gaTicket.id);

    const response = await call({ url: applePass });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/vnd.apple.pkpass");
    expect(passJsonOf(response.body)).toMatchObject({ serialNumber: gaTicket.id });

    // The link's signature over another ticket's payload, and a longer expiry: both refused.
    const [, , signature] = applePass.split(".");
    const [, otherPayload] = walletPassLink(randomUUID(), new Date(Date.now() + 60_000)).split(".");
    const [, ownPayloadLater] = walletPassLink(gaTicket.id, new Date(Date.now() + 24 * 60 * 60_000)).split(".");
    expect((await call({ url: `/api/wallet/passes/v1.${otherPayload}.${signature}` })).status).toBe(404);
    expect((await call({ url: `/api/wallet/passes/v1.${ownPayloadLater}.${signature}` })).status).toBe(404);
    expect((await call({ url: walletPassLink(gaTicket.id, new Date(Date.now() - 1_000)) })).status).toBe(410);
    expect((await call({ url: applePass, method: "POST" })).status).toBe(405);
  });
});

describe("Apple's PassKit web service", () => {
  it("registers devices with the pass's token only, lists changed serials by tag, answers 304, and serves the voided pass after a revocation", async () => {
    const { seatedTicket, gaTicket } = await paidOrderWithTickets(h);
    // Both passes handed out (the download records each pass and its token's hash).
    for (const ticket of [seatedTicket, gaTicket]) expect((await call({ url: walletPassLink(ticket.id, new Date(Date.now() + 60_000)) })).status).toBe(200);
    const device = `device-${randomUUID()}`;
    const auth = (ticketId: string) => `ApplePass ${passAuthToken(ticketId)}`;
    const register = (ticketId: string, authorization: string | null, pushToken = "a1b2c3d4e5f6") =>
      call({
        method: "POST",
        url: service(`/devices/${device}/registrations/${passType}/${ticketId}`),
        authorization,
        readBody: async () => JSON.stringify({ pushToken }),
      });

    // No token, the other pass's token, a malformed header: 401, and nothing registered.
    expect((await register(seatedTicket.id, null)).status).toBe(401);
    expect((await register(seatedTicket.id, auth(gaTicket.id))).status).toBe(401);
    expect((await register(seatedTicket.id, `Bearer ${passAuthToken(seatedTicket.id)}`)).status).toBe(401);
    expect((await register(randomUUID(), auth(seatedTicket.id))).status).toBe(401);
    expect(await h.db.walletRegistration.count({ where: { deviceLibraryId: device } })).toBe(0);

    expect((await register(seatedTicket.id, auth(seatedTicket.id))).status).toBe(201);
    expect((await register(seatedTicket.id, auth(seatedTicket.id))).status).toBe(200);
    expect((await register(gaTicket.id, auth(gaTicket.id))).status).toBe(201);
    expect((await register(gaTicket.id, auth(gaTicket.id), "bad token!")).status).toBe(400);

    // Serials since a tag: all without one, none with the tag it returned.
    const updatable = (since?: string) => call({ url: service(`/devices/${device}/registrations/${passType}${since ? `?passesUpdatedSince=${since}` : ""}`) });
    const first = await updatable();
    expect(first.status).toBe(200);
    const firstBody = JSON.parse(String(first.body)) as { serialNumbers: string[]; lastUpdated: string };
    expect(firstBody.serialNumbers).toEqual([seatedTicket.id, gaTicket.id].sort());
    expect((await updatable(firstBody.lastUpdated)).status).toBe(204);
    expect((await call({ url: service(`/devices/${device}/registrations/pass.other.type`) })).status).toBe(204);

    // The latest pass: token required; If-Modified-Since answered with 304.
    const latest = (ifModifiedSince: string | null, authorization: string | null = auth(gaTicket.id)) =>
      call({ url: service(`/passes/${passType}/${gaTicket.id}`), authorization, ifModifiedSince });
    expect((await latest(null, null)).status).toBe(401);
    expect((await latest(null, auth(seatedTicket.id))).status).toBe(401);
    const current = await latest(null);
    expect(current.status).toBe(200);
    expect(current.headers["content-type"]).toBe("application/vnd.apple.pkpass");
    const lastModified = current.headers["last-modified"]!;
    expect((await latest(lastModified)).status).toBe(304);

    // Revoked (a refund, a transfer): the change is announced, the tag moves, the pass is void.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await revokeTickets(ticketDeps(h), { ticketIds: [gaTicket.id], reason: "transferred" });
    await ticketPassChanged(h.db, h.queues, gaTicket.id);
    const changed = JSON.parse(String((await updatable(firstBody.lastUpdated)).body)) as { serialNumbers: string[]; lastUpdated: string };
    expect(changed.serialNumbers).toEqual([gaTicket.id]);
    expect(Number(changed.lastUpdated)).toBeGreaterThan(Number(firstBody.lastUpdated));
    const voided = await latest(lastModified);
    expect(voided.status).toBe(200);
    expect(Date.parse(voided.headers["last-modified"]!)).toBeGreaterThan(Date.parse(lastModified));
    const json = passJsonOf(voided.body);
    expect(json.voided).toBe(true);
    expect(json.barcodes ?? []).toEqual([]);

    // Unregister (token required), and the log endpoint.
    const unregister = (authorization: string | null) =>
      call({ method: "DELETE", url: service(`/devices/${device}/registrations/${passType}/${gaTicket.id}`), authorization });
    expect((await unregister(null)).status).toBe(401);
    expect((await unregister(auth(gaTicket.id))).status).toBe(200);
    expect(await h.db.walletRegistration.findMany({ where: { deviceLibraryId: device }, select: { ticketId: true } })).toEqual([{ ticketId: seatedTicket.id }]);
    expect((await call({ method: "POST", url: service("/log"), readBody: async () => JSON.stringify({ logs: ["hello"] }) })).status).toBe(200);
    expect((await call({ url: service("/unknown") })).status).toBe(404);
  });
});
