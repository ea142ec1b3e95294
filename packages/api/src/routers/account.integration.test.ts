import { uniqueSuffix } from "@marquee/db/testing";
import { describe, expect, it } from "vitest";
import { authorizeCredentials } from "../auth/options.ts";
import { fixedClock } from "../clock.ts";
import { createCart } from "../services/cart/create-cart.ts";
import { getOrder } from "../services/checkout/get-order.ts";
import { loadSessionUser } from "../session.ts";
import { paidOrder, refundOf, sellingOrganization } from "../services/invoice/invoice-test-kit.ts";
import { useHarness } from "../testing/harness.ts";

const h = useHarness();

describe("account", () => {
  it("returns the signed-in user's profile and teams", async () => {
    const { organizationId, userId, caller } = await h.memberOf("BOX_OFFICE");
    const me = await caller.account.me();
    expect(me).toMatchObject({ id: userId, orderCount: 0, teams: [{ id: organizationId, role: "BOX_OFFICE" }] });
  });

  it("requires a session", async () => {
    await expect((await h.callerAs(null)).account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("updates the profile from the app's own origin", async () => {
    const user = await h.make.user();
    const caller = await h.callerAs(user.id, { request: { trpcSource: "web", origin: "http://localhost:3000", secFetchSite: "same-origin" } });
    await expect(caller.account.updateProfile({ name: "Ada", locale: "de" })).resolves.toMatchObject({ name: "Ada", locale: "de" });
  });

  it.each([
    ["without our client's header", { trpcSource: null, origin: "http://localhost:3000", secFetchSite: "same-origin" }],
    ["from another site", { trpcSource: "web", origin: "https://evil.example", secFetchSite: "cross-site" }],
    ["from an unknown origin", { trpcSource: "web", origin: "https://evil.example", secFetchSite: null }],
  ])("refuses a mutation %s and changes nothing", async (_label, request) => {
    const user = await h.make.user({ name: "Before" });
    const caller = await h.callerAs(user.id, { request });
    await expect(caller.account.updateProfile({ name: "After" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: expect.objectContaining({ code: "CSRF_REJECTED" }),
    });
    expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Before");
  });

  it("rejects invalid input without writing", async () => {
    const user = await h.make.user({ name: "Before" });
    const caller = await h.callerAs(user.id);
    await expect(caller.account.updateProfile({ locale: "xx" as "en" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
  });
});

describe("account.signUp", () => {
  const input = () => ({
    name: "Ada Lovelace",
    email: `Ada-${uniqueSuffix()}@Example.test`,
    password: "correct horse battery",
    locale: "de" as const,
    marketingOptIn: true,
  });

  it("creates a buyer whose password waits for the address to be proven, and refuses the address a second time", async () => {
    const caller = await h.callerAs(null);
    const signUp = input();
    const created = await caller.account.signUp(signUp);
    expect(created).toEqual({ id: expect.any(String), email: signUp.email.toLowerCase(), name: "Ada Lovelace" });
    expect(await h.db.user.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      locale: "de",
      marketingOptIn: true,
      platformRole: "USER",
      emailVerifiedAt: null,
    });

    const deps = { db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "web" as const };
    // Nobody signs in with a password to an address they have not proven (pre-registration takeover).
    await expect(authorizeCredentials(deps, { email: signUp.email, password: signUp.password })).rejects.toThrow("EMAIL_UNVERIFIED");
    await expect(authorizeCredentials(deps, { email: signUp.email, password: "not the password" })).resolves.toBeNull();

    const again = caller.account.signUp({ ...signUp, email: signUp.email.toUpperCase(), password: "another password" });
    await expect(again).rejects.toMatchObject({ code: "CONFLICT", cause: expect.objectContaining({ code: "EMAIL_TAKEN" }) });
    await expect(again).rejects.toThrow("An account with this e-mail address already exists.");
    expect(await h.db.user.count({ where: { email: signUp.email.toLowerCase() } })).toBe(1);
  });

  it("gives one account when the same address signs up twice at once", async () => {
    const caller = await h.callerAs(null);
    const signUp = input();
    const results = await Promise.allSettled([caller.account.signUp(signUp), caller.account.signUp(signUp)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { cause: expect.objectContaining({ code: "EMAIL_TAKEN" }) } });
  });

  it.each([
    ["a password under 10 characters", { password: "short-pw1" }],
    ["a password over 200 characters", { password: "x".repeat(201) }],
    ["an invalid address", { email: "not-an-address" }],
    ["a blank name", { name: "   " }],
  ])("rejects %s without writing", async (_label, change) => {
    const signUp = { ...input(), ...change };
    await expect((await h.callerAs(null)).account.signUp(signUp)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await h.db.user.count({ where: { email: signUp.email.toLowerCase() } })).toBe(0);
  });

  it("is rate limited per client address (20 per 15 minutes)", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const caller = await h.callerAs(null, { request: { ip } });
    for (let i = 0; i < 20; i++) await caller.account.signUp({ ...input(), password: "short" }).catch(() => undefined);
    await expect(caller.account.signUp(input())).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", cause: expect.objectContaining({ code: "RATE_LIMITED" }) });
    await expect((await h.callerAs(null, { request: { ip: "198.51.100.250" } })).account.signUp(input())).resolves.toMatchObject({ name: "Ada Lovelace" });
  });

  it("refuses a cross-site sign-up", async () => {
    const caller = await h.callerAs(null, { request: { trpcSource: "web", origin: "https://evil.example", secFetchSite: "cross-site" } });
    await expect(caller.account.signUp(input())).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("account.orders and account.order", () => {
  async function buyerWithOrders() {
    const seller = await sellingOrganization(h);
    const buyer = await h.make.user();
    const older = await paidOrder(h, seller, { quantity: 3 });
    const newer = await paidOrder(h, seller, { quantity: 1 });
    await h.db.order.update({ where: { id: older.id }, data: { userId: buyer.id, createdAt: new Date(Date.now() - 60_000) } });
    await h.db.order.update({ where: { id: newer.id }, data: { userId: buyer.id } });
    const someoneElses = await paidOrder(h, seller);
    return { seller, buyer, older, newer, someoneElses };
  }

  it("lists the buyer's own orders, newest first, with event, ticket count and refund summary", async () => {
    const { seller, buyer, older, newer } = await buyerWithOrders();
    const refund = await refundOf(h, older, 2500);
    await h.db.refund.update({ where: { id: refund.id }, data: { status: "SUCCEEDED" } });
    const second = await h.db.refund.create({
      data: { orderId: older.id, paymentId: refund.paymentId, amountMinor: 1000, currency: "EUR", createdAt: new Date(Date.now() + 1000) },
    });

    const { orders, nextCursor } = await (await h.callerAs(buyer.id)).account.orders();
    expect(nextCursor).toBeNull();
    expect(orders.map((order) => order.id)).toEqual([newer.id, older.id]);
    expect(orders[1]).toEqual({
      id: older.id,
      reference: older.reference,
      status: "PAID",
      createdAt: expect.any(Date),
      currency: "EUR",
      totalMinor: 7500,
      ticketCount: 3,
      event: {
        id: seller.event.id,
        name: "Hamlet",
        slug: seller.event.slug,
        startsAt: seller.event.startsAt,
        timezone: seller.event.timezone,
        venue: expect.objectContaining({ name: expect.any(String), city: expect.any(String), country: expect.any(String) }),
      },
      refunds: { latestStatus: "PENDING", pending: 1, succeeded: 1, failed: 0, refundedMinor: 2500 },
    });
    expect(second.status).toBe("PENDING");
    expect(orders[0]).toMatchObject({ ticketCount: 1, refunds: { latestStatus: null, pending: 0, succeeded: 0, failed: 0, refundedMinor: 0 } });
  });

  it("pages through the orders with a cursor", async () => {
    const { buyer, older, newer } = await buyerWithOrders();
    const caller = await h.callerAs(buyer.id);
    const first = await caller.account.orders({ limit: 1 });
    expect(first.orders.map((order) => order.id)).toEqual([newer.id]);
    const second = await caller.account.orders({ limit: 1, cursor: first.nextCursor });
    expect(second).toMatchObject({ orders: [{ id: older.id }], nextCursor: null });
  });

  it("shows one order as order.get does, with its refunds; another buyer's order is NOT_FOUND", async () => {
    const { seller, buyer, older, someoneElses } = await buyerWithOrders();
    const refund = await refundOf(h, older, 2500);
    // One clock for both, so the signed document links match.
    const clock = fixedClock(new Date());
    const caller = await h.callerAs(buyer.id, { clock });
    const order = await caller.account.order({ orderId: older.id });
    const cart = await h.make.cart({ userId: buyer.id });
    const asOrderGet = await getOrder({ db: h.db, clock }, { id: cart.id, userId: buyer.id, expiresAt: cart.expiresAt }, older.id, buyer.id);
    const { event, refunds, ...rest } = order;
    expect(rest).toEqual(asOrderGet);
    expect(event).toMatchObject({ id: seller.event.id, name: "Hamlet", ticketTypes: [{ id: seller.ticketType.id, name: "Stalls" }] });
    expect(refunds).toEqual([expect.objectContaining({ id: refund.id, amountMinor: 2500, status: "PENDING" })]);

    await expect(caller.account.order({ orderId: someoneElses.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.account.order({ orderId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect((await h.callerAs(null)).account.orders()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect((await h.callerAs(null)).account.order({ orderId: older.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("account.updateProfile as the preferences form uses it", () => {
  it("saves name, language and marketing e-mails, and account.me shows them", async () => {
    const user = await h.make.user({ name: "Before" });
    const caller = await h.callerAs(user.id);
    await expect(caller.account.updateProfile({ name: "Grace", locale: "de", marketingOptIn: true })).resolves.toEqual({
      id: user.id,
      name: "Grace",
      locale: "de",
      marketingOptIn: true,
    });
    await expect(caller.account.me()).resolves.toMatchObject({ name: "Grace", locale: "de", marketingOptIn: true });
    await expect(caller.account.updateProfile({ marketingOptIn: false })).resolves.toMatchObject({ name: "Grace", marketingOptIn: false });
  });
});

describe("ending sessions", () => {
  const sessionOf = async (userId: string, sessionVersion: number) => loadSessionUser(h.db, { sub: userId, sessionVersion });

  it("account.signOutEverywhere refuses every cookie issued before it, this one included", async () => {
    const user = await h.make.user({ sessionVersion: 4 });
    await (await h.callerAs(user.id)).account.signOutEverywhere();
    expect(await sessionOf(user.id, 4)).toBeNull();
    expect(await sessionOf(user.id, 5)).toMatchObject({ id: user.id });
    await expect((await h.callerAs(null)).account.signOutEverywhere()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("account.setPassword sets one only where none is set, and ends the sessions", async () => {
    const linkOnly = await h.make.user({ passwordHash: null });
    const caller = await h.callerAs(linkOnly.id);
    await expect(caller.account.me()).resolves.toMatchObject({ hasPassword: false });
    await caller.account.setPassword({ password: "a brand new password" });
    expect(await sessionOf(linkOnly.id, 0)).toBeNull();
    const deps = { db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "web" as const };
    await expect(authorizeCredentials(deps, { email: linkOnly.email, password: "a brand new password" })).resolves.toMatchObject({
      id: linkOnly.id,
      sessionVersion: 1,
    });

    // With a password in place, setting another needs the current one (a later procedure): CONFLICT.
    const withPassword = await h.make.user();
    await expect((await h.callerAs(withPassword.id)).account.setPassword({ password: "a brand new password" })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "CONFLICT" }),
    });
    expect(await sessionOf(withPassword.id, 0)).toMatchObject({ id: withPassword.id });
    await expect((await h.callerAs(withPassword.id)).account.me()).resolves.toMatchObject({ hasPassword: true });
  });

  it("a cart opened while signed in stops reading the account's orders once the session is gone", async () => {
    const seller = await sellingOrganization(h);
    const buyer = await h.make.user();
    const cart = await createCart({ db: h.db, clock: fixedClock(new Date()) }, buyer.id);
    const placed = await paidOrder(h, seller);
    await h.db.order.update({ where: { id: placed.id }, data: { userId: buyer.id, cartId: cart.cartId } });
    const other = await paidOrder(h, seller);
    await h.db.order.update({ where: { id: other.id }, data: { userId: buyer.id } });
    const withCart = { request: { cartToken: cart.token } };

    const signedIn = await h.callerAs(buyer.id, withCart);
    await expect(signedIn.order.get({ orderId: placed.id })).resolves.toMatchObject({ id: placed.id });
    await expect(signedIn.order.get({ orderId: other.id })).resolves.toMatchObject({ id: other.id });

    // Signed out (or the session ended): the cart token alone reads neither.
    const tokenOnly = await h.callerAs(null, withCart);
    await expect(tokenOnly.order.get({ orderId: placed.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(tokenOnly.order.get({ orderId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const someoneElse = await h.callerAs((await h.make.user()).id, withCart);
    await expect(someoneElse.order.get({ orderId: placed.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a guest cart keeps reading its guest orders, but not one paid while signed in", async () => {
    const seller = await sellingOrganization(h);
    const buyer = await h.make.user();
    const cart = await createCart({ db: h.db, clock: fixedClock(new Date()) }, null);
    const guest = await paidOrder(h, seller);
    const signedIn = await paidOrder(h, seller);
    await h.db.order.update({ where: { id: guest.id }, data: { cartId: cart.cartId } });
    await h.db.order.update({ where: { id: signedIn.id }, data: { cartId: cart.cartId, userId: buyer.id } });
    const tokenOnly = await h.callerAs(null, { request: { cartToken: cart.token } });
    await expect(tokenOnly.order.get({ orderId: guest.id })).resolves.toMatchObject({ id: guest.id });
    await expect(tokenOnly.order.get({ orderId: signedIn.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect((await h.callerAs(buyer.id, { request: { cartToken: cart.token } })).order.get({ orderId: signedIn.id })).resolves.toMatchObject({
      id: signedIn.id,
    });
  });
});
