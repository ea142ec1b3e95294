import { TEST_PASSWORD, uniqueSuffix } from "@marquee/db/testing";
import { describe, expect, it } from "vitest";
import { authorizeCredentials } from "../../auth/password-sign-in.ts";
import { loadSessionUser } from "../../session.ts";
import { useHarness } from "../../testing/harness.ts";
import { paidOrder, sellingOrganization } from "../invoice/invoice-test-kit.ts";
import { DELETED_REQUESTER_EMAIL } from "./delete-account.ts";

// Change password, "Download my data" and "Delete my account" through the web router's caller,
// on real PostgreSQL and Redis.

const h = useHarness();
const signInDeps = () => ({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, app: "web" as const, sleep: async () => undefined });
const newAddress = () => `account-${uniqueSuffix()}@example.test`;

/** A buyer with a paid order (with a ticket) and a support conversation (with an internal note), all linked to the account. */
async function buyerWithHistory(name = "Ada Buyer") {
  const user = await h.make.user({ email: newAddress(), name });
  const seller = await sellingOrganization(h);
  const order = await paidOrder(h, seller, { quantity: 1 });
  await h.db.order.update({ where: { id: order.id }, data: { userId: user.id, buyerName: name, buyerEmail: user.email } });
  const key = await h.db.eventSigningKey.create({
    data: { eventId: seller.event.id, keyId: uniqueSuffix().slice(0, 8), publicKey: "test", privateKeyEncrypted: "test" },
  });
  await h.db.ticket.create({
    data: {
      eventId: seller.event.id,
      orderId: order.id,
      orderLineId: order.lines[0]!.id,
      ticketTypeId: seller.ticketType.id,
      signingKeyId: key.id,
      shortCode: `T-${uniqueSuffix()}`,
      signedCode: `signed-${uniqueSuffix()}`,
      holderName: name,
    },
  });
  const aboutOrder = await h.db.supportConversation.create({
    data: {
      organizationId: seller.organization.id,
      number: 1001,
      orderId: order.id,
      requesterId: user.id,
      requesterEmail: user.email,
      requesterName: name,
      subject: `Where is my seat ${uniqueSuffix()}`,
      accessTokenHash: `hash-${uniqueSuffix()}`,
      messages: {
        create: [
          { authorKind: "BUYER", body: "Which door?" },
          { authorKind: "AGENT", body: "agent's internal note", internal: true },
        ],
      },
    },
  });
  const general = await h.db.supportConversation.create({
    data: {
      organizationId: seller.organization.id,
      number: 1002,
      requesterId: user.id,
      requesterEmail: user.email,
      requesterName: name,
      subject: "Parking",
      accessTokenHash: `hash-${uniqueSuffix()}`,
      messages: { create: [{ authorKind: "BUYER", body: "Is there parking?" }] },
    },
  });
  return { user, seller, order, aboutOrder, general };
}

describe("account.changePassword", () => {
  it("needs the current password, then sets the new one and ends every session", async () => {
    const user = await h.make.user({ email: newAddress() });
    const caller = await h.callerAs(user.id);
    const wrong = caller.account.changePassword({ currentPassword: "not the password", newPassword: "a new password here" });
    await expect(wrong).rejects.toMatchObject({ code: "FORBIDDEN", cause: expect.objectContaining({ code: "PASSWORD_INCORRECT" }) });
    expect(await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      passwordHash: user.passwordHash,
      sessionVersion: user.sessionVersion,
    });

    await caller.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "a new password here" });
    expect(await loadSessionUser(h.db, { sub: user.id, sessionVersion: user.sessionVersion })).toBeNull();
    await expect(authorizeCredentials(signInDeps(), { email: user.email, password: "a new password here" })).resolves.toMatchObject({ id: user.id });
    await expect(authorizeCredentials(signInDeps(), { email: user.email, password: TEST_PASSWORD })).resolves.toBeNull();
  });

  it("applies the sign-up rules to the new password, limits guesses of the current one, and needs a session", async () => {
    const user = await h.make.user({ email: newAddress() });
    const caller = await h.callerAs(user.id);
    await expect(caller.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    for (let i = 0; i < 10; i++) {
      await expect(caller.account.changePassword({ currentPassword: `guess ${i}`, newPassword: "a new password here" })).rejects.toMatchObject({
        cause: expect.objectContaining({ code: "PASSWORD_INCORRECT" }),
      });
    }
    await expect(caller.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "a new password here" })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "RATE_LIMITED" }),
    });
    expect((await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
    await expect((await h.callerAs(null)).account.changePassword({ currentPassword: "x", newPassword: "a new password here" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

describe("account.exportData", () => {
  it("holds the profile, orders with tickets, and conversations without internal notes; never another buyer's data or a secret", async () => {
    const { user, order, aboutOrder } = await buyerWithHistory("Ada Export");
    const other = await buyerWithHistory("Bob Other");
    // An order of someone else placed with Ada's address is not hers to download.
    const sameAddress = await paidOrder(h, other.seller);
    await h.db.order.update({ where: { id: sameAddress.id }, data: { userId: other.user.id, buyerEmail: user.email } });

    const data = await (await h.callerAs(user.id)).account.exportData();
    expect(data.profile).toMatchObject({ id: user.id, email: user.email, name: "Ada Export", hasPassword: true });
    expect(data.orders.map((o) => o.reference)).toEqual([order.reference]);
    expect(data.orders[0]).toMatchObject({ buyerName: "Ada Export", tickets: [expect.objectContaining({ holderName: "Ada Export", ticketType: "Stalls" })] });
    expect(data.supportConversations.map((c) => c.subject).sort()).toEqual([aboutOrder.subject, "Parking"].sort());
    const text = JSON.stringify(data);
    expect(text).toContain("Which door?");
    for (const absent of [
      "agent's internal note",
      "Bob Other",
      other.order.reference,
      sameAddress.reference,
      user.passwordHash!,
      "signed-",
      "accessTokenHash",
    ]) {
      expect(text).not.toContain(absent);
    }
    await expect((await h.callerAs(null)).account.exportData()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("account.deleteAccount", () => {
  it("refuses a wrong address or password and changes nothing", async () => {
    const { user } = await buyerWithHistory();
    const caller = await h.callerAs(user.id);
    await expect(caller.account.deleteAccount({ confirmEmail: "someone@else.test", password: TEST_PASSWORD })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "VALIDATION_ERROR" }),
    });
    await expect(caller.account.deleteAccount({ confirmEmail: user.email, password: "wrong" })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "PASSWORD_INCORRECT" }),
    });
    await expect(caller.account.deleteAccount({ confirmEmail: user.email })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "PASSWORD_INCORRECT" }),
    });
    expect(await h.db.user.findUnique({ where: { id: user.id } })).not.toBeNull();
    expect(await h.db.supportConversation.count({ where: { requesterId: user.id } })).toBe(2);
  });

  it("removes the account and its personal data, keeps the orders for the organiser's books, and frees the address", async () => {
    const { user, order, aboutOrder, general } = await buyerWithHistory("Ada Leaving");
    const other = await buyerWithHistory("Bob Staying");
    const caller = await h.callerAs(user.id);
    await expect(caller.account.deleteAccount({ confirmEmail: user.email.toUpperCase(), password: TEST_PASSWORD })).resolves.toEqual({ keptOrders: 1 });

    expect(await h.db.user.findUnique({ where: { id: user.id } })).toBeNull();
    expect(await loadSessionUser(h.db, { sub: user.id, sessionVersion: user.sessionVersion })).toBeNull();
    await expect(authorizeCredentials(signInDeps(), { email: user.email, password: TEST_PASSWORD })).resolves.toBeNull();
    // The order stays, unlinked, with the name and address it was placed with (and its ticket).
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id }, include: { tickets: true } })).toMatchObject({
      userId: null,
      status: "PAID",
      buyerName: "Ada Leaving",
      buyerEmail: user.email,
      tickets: [expect.objectContaining({ holderName: "Ada Leaving" })],
    });
    // The conversation about the order stays with the organiser, anonymised; the other one is gone.
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: aboutOrder.id } })).toMatchObject({
      requesterId: null,
      requesterName: null,
      requesterEmail: DELETED_REQUESTER_EMAIL,
    });
    expect(await h.db.supportConversation.findUnique({ where: { id: general.id } })).toBeNull();
    // Nobody else's data moved.
    expect(await h.db.user.findUnique({ where: { id: other.user.id } })).not.toBeNull();
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: other.general.id } })).toMatchObject({ requesterName: "Bob Staying" });
    expect(await h.db.order.findUniqueOrThrow({ where: { id: other.order.id } })).toMatchObject({ userId: other.user.id });

    // The address can open a new account.
    const again = await (
      await h.callerAs(null)
    ).account.signUp({ name: "Ada Again", email: user.email, password: "a fresh password", locale: "en", marketingOptIn: false });
    expect(again.id).not.toBe(user.id);
  });

  it("refuses the only owner of an organisation", async () => {
    const organization = await h.make.organization();
    const owner = await h.make.member(organization.id, "OWNER", { email: newAddress() });
    const caller = await h.callerAs(owner.id);
    await expect(caller.account.deleteAccount({ confirmEmail: owner.email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: expect.objectContaining({ details: { organizations: [organization.name] } }),
    });
    expect(await h.db.user.findUnique({ where: { id: owner.id } })).not.toBeNull();
    await expect((await h.callerAs(null)).account.deleteAccount({ confirmEmail: owner.email })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
