// The data the attacks need, made with @marquee/db's factories in the suite's own database: two
// organisations A and B, each with an owner, an event and a paid order with a ticket, and a buyer.
import { randomBytes } from "node:crypto";
import { createDb, type Db } from "@marquee/db";
import { createFactories, TEST_PASSWORD, uniqueSuffix } from "@marquee/db/testing";
import { hashCartToken } from "@marquee/api/services/cart/cart-token";

export interface Tenant {
  organizationId: string;
  ownerEmail: string;
  eventId: string;
  ticketTypeId: string;
  orderId: string;
  ticketId: string;
}

export interface Fixtures {
  db: Db;
  password: string;
  a: Tenant;
  b: Tenant;
  buyerEmail: string;
  /** A guest cart of the suite's own (its token), for procedures that need X-Cart-Token. */
  cartToken: string;
}

const code = () => randomBytes(12).toString("hex").toUpperCase();

async function paidOrder(db: Db, tenant: { organizationId: string; eventId: string; ticketTypeId: string }) {
  const order = await db.order.create({
    data: {
      reference: `SEC-${code().slice(0, 10)}`,
      organizationId: tenant.organizationId,
      eventId: tenant.eventId,
      status: "PAID",
      buyerName: "Ada Buyer",
      buyerEmail: `buyer-${uniqueSuffix()}@example.test`,
      currency: "EUR",
      subtotalMinor: 2500,
      totalMinor: 2500,
      paidAt: new Date(),
      lines: { create: { eventId: tenant.eventId, ticketTypeId: tenant.ticketTypeId, quantity: 1, unitPriceMinor: 2500, totalMinor: 2500 } },
      payments: { create: { providerPaymentId: `pi_security_${code()}`, status: "CAPTURED", amountMinor: 2500, capturedMinor: 2500, currency: "EUR" } },
    },
    include: { lines: true },
  });
  const key = await db.eventSigningKey.findFirstOrThrow({ where: { eventId: tenant.eventId } });
  const ticket = await db.ticket.create({
    data: {
      eventId: tenant.eventId,
      orderId: order.id,
      orderLineId: order.lines[0]!.id,
      ticketTypeId: tenant.ticketTypeId,
      signingKeyId: key.id,
      shortCode: code(),
      signedCode: code(),
    },
  });
  return { orderId: order.id, ticketId: ticket.id };
}

async function tenant(db: Db): Promise<Tenant> {
  const make = createFactories(db);
  const { organization, event, ticketType } = await make.gaEvent();
  const owner = await make.member(organization.id, "OWNER", { email: `owner-${uniqueSuffix()}@example.test`, emailVerifiedAt: new Date() });
  const ids = { organizationId: organization.id, eventId: event.id, ticketTypeId: ticketType.id };
  return { ...ids, ownerEmail: owner.email, ...(await paidOrder(db, ids)) };
}

export async function createFixtures(databaseUrl: string): Promise<Fixtures> {
  const db = createDb(databaseUrl, { max: 2 });
  const make = createFactories(db);
  const [a, b] = [await tenant(db), await tenant(db)];
  const buyer = await make.user({ email: `buyer-${uniqueSuffix()}@example.test`, emailVerifiedAt: new Date() });
  const cartToken = randomBytes(32).toString("base64url");
  await make.cart({ tokenHash: hashCartToken(cartToken) });
  return { db, password: TEST_PASSWORD, a, b, buyerEmail: buyer.email, cartToken };
}
