// Buyers of the password and account-deletion spec's own, made with @marquee/db's factories in the
// run's database (never the shared demo users: a password change or deletion would break other specs).
import { createDb, type Db } from "@marquee/db";
import { TEST_PASSWORD, createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 2 }));

export async function closeAccountData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

/** A buyer with a proven address and a password (TEST_PASSWORD). */
export async function createBuyer(name: string) {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, "-")}-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const user = await createFactories(database()).user({ email, name });
  return { id: user.id, email, name, password: TEST_PASSWORD };
}

/**
 * An order of one ticket placed by the buyer while signed in, since cancelled (answers its id and
 * reference). Cancelled, not paid: a paid order without tickets would send the reconciler after
 * its documents.
 */
export async function createCancelledOrder(buyer: { id: string; email: string; name: string }) {
  const make = createFactories(database());
  const { event, ticketType } = await make.gaEvent();
  const reference = `MQ-E2E-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
  const order = await database().order.create({
    data: {
      reference,
      organizationId: event.organizationId,
      eventId: event.id,
      userId: buyer.id,
      status: "CANCELLED",
      buyerName: buyer.name,
      buyerEmail: buyer.email,
      currency: "EUR",
      subtotalMinor: 2500,
      totalMinor: 2500,
      cancelledAt: new Date(),
      lines: { create: [{ eventId: event.id, ticketTypeId: ticketType.id, quantity: 1, unitPriceMinor: 2500, totalMinor: 2500 }] },
    },
  });
  return { id: order.id, reference };
}

/** What the database holds for an account and an order after the buyer deleted the account. */
export async function afterDeletion(userId: string, orderId: string) {
  const [user, order] = await Promise.all([
    database().user.findUnique({ where: { id: userId }, select: { id: true } }),
    database().order.findUnique({ where: { id: orderId }, select: { userId: true, buyerName: true, buyerEmail: true, status: true } }),
  ]);
  return { user, order };
}
