// The help inbox specs' own data in the run's database: an organisation with an on-sale event, its
// owner and two support agents (Ana and Ben, who sign in with TEST_PASSWORD), a canned reply, and
// conversations opened the way the web site opens them (createConversation: number, SLA clock,
// announcements) for the specs that start from an existing conversation.
import { createDb, type Db } from "@marquee/db";
import { TEST_PASSWORD, createFactories } from "@marquee/db/testing";
import { testDatabaseUrl } from "./env.ts";

let db: Db | null = null;
const database = () => (db ??= createDb(testDatabaseUrl(), { max: 2 }));

export async function closeInboxData(): Promise<void> {
  await db?.$disconnect();
  db = null;
}

const HOUR = 3_600_000;
const tag = () => crypto.randomUUID().slice(0, 6);

export interface TInboxOrganisation {
  organizationId: string;
  organizationName: string;
  event: { id: string; name: string; slug: string };
  owner: { email: string; password: string };
  ana: { id: string; name: string; email: string; password: string };
  ben: { id: string; name: string; email: string; password: string };
}

/** An organisation with a GA event on sale (Standing at 25.00), its owner, agents Ana and Ben, and the canned reply /refund-policy. */
export async function createInboxOrganisation(name: string): Promise<TInboxOrganisation> {
  const make = createFactories(database());
  const suffix = tag();
  const organization = await make.organization({ name: `${name} ${suffix}` });
  const venue = await make.venue(organization.id, { name: `Hall ${suffix}`, city: "Berlin" });
  const eventName = `${name} Night ${suffix}`;
  const now = Date.now();
  const event = await make.event(organization.id, venue.id, {
    name: eventName,
    slug: eventName.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    description: `${eventName}: an event made by the help inbox's end-to-end tests.`,
    startsAt: new Date(now + 20 * 24 * HOUR),
    endsAt: new Date(now + 20 * 24 * HOUR + 3 * HOUR),
    onSaleAt: new Date(now - HOUR),
    maxPerOrder: 4,
  });
  await make.ticketType(event.id, { name: "Standing", capacity: 200 }, 2500);
  const ownerEmail = `inbox-owner-${suffix}@example.test`;
  await make.member(organization.id, "OWNER", { email: ownerEmail, name: `Owner ${suffix}` });
  const anaEmail = `ana-${suffix}@example.test`;
  const benEmail = `ben-${suffix}@example.test`;
  const ana = await make.member(organization.id, "ADMIN", { email: anaEmail, name: "Ana Agent" });
  const ben = await make.member(organization.id, "SUPPORT_AGENT", { email: benEmail, name: "Ben Agent" });
  await database().cannedReply.create({
    data: {
      organizationId: organization.id,
      shortcut: "refund-policy",
      title: "Refund policy",
      body: "Hello {{buyer.firstName}}, tickets for {{event.name}} can be refunded until the day before the show.",
    },
  });
  return {
    organizationId: organization.id,
    organizationName: organization.name,
    event: { id: event.id, name: eventName, slug: event.slug },
    owner: { email: ownerEmail, password: TEST_PASSWORD },
    ana: { id: ana.id, name: "Ana Agent", email: anaEmail, password: TEST_PASSWORD },
    ben: { id: ben.id, name: "Ben Agent", email: benEmail, password: TEST_PASSWORD },
  };
}

/** A conversation about the organisation's event, opened by a guest buyer from the web site, as createConversation does it. */
export async function openConversation(
  organisation: Pick<TInboxOrganisation, "organizationId" | "event">,
  buyer: { name: string; email: string; subject: string; body: string },
): Promise<{ id: string; number: number }> {
  const { createConversation } = await import("@marquee/api/services/support/create-conversation");
  const { hashSupportAccessToken, newSupportAccessToken } = await import("@marquee/api/services/support/access-token");
  return database().$transaction((tx) =>
    createConversation(
      tx,
      {
        organizationId: organisation.organizationId,
        orderId: null,
        eventId: organisation.event.id,
        requesterId: null,
        requesterEmail: buyer.email,
        requesterName: buyer.name,
        locale: "en",
        subject: buyer.subject,
        channel: "WEB",
        accessTokenHash: hashSupportAccessToken(newSupportAccessToken()),
        body: buyer.body,
      },
      new Date(),
    ),
  );
}

/** The conversation's messages as stored (oldest first), for the checks after the browser's part. */
export async function messagesOf(conversationId: string) {
  return database().supportMessage.findMany({
    where: { conversationId },
    orderBy: { createdAt: "asc" },
    select: { authorKind: true, body: true, internal: true, channel: true },
  });
}

/** The conversation's status as stored. */
export async function statusOf(conversationId: string) {
  return (await database().supportConversation.findUniqueOrThrow({ where: { id: conversationId }, select: { status: true } })).status;
}
