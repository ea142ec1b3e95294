import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../client.ts";
import { DEMO_USERS } from "./demo-users.ts";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// The demo help inbox: targets tight enough that the demo shows every SLA badge, the support
// address the local mail catcher forwards to the inbound endpoint, the canned replies a box office
// would keep, and a handful of conversations in every state.

export const DEMO_INBOUND_LOCAL_PART = "help-demo";

const CANNED_REPLIES = [
  {
    shortcut: "refund-policy",
    title: "Refund policy",
    body:
      "Hello {{buyer.firstName}},\n\nTickets for {{event.name}} can be refunded up to 14 days before the show. " +
      "I have looked at order {{order.reference}} and will let you know as soon as the refund is on its way.\n\nBest wishes,\n{{agent.name}}",
  },
  {
    shortcut: "doors",
    title: "Door times",
    body: "Hello {{buyer.firstName}},\n\nDoors for {{event.name}} open one hour before the show on {{event.date}}. Please have your QR code ready.\n\n{{agent.name}}",
  },
  {
    shortcut: "access",
    title: "Step-free access",
    body:
      "Hello {{buyer.firstName}},\n\nThe venue has a step-free entrance on Uferstraße and a lift to every level. " +
      "Companion tickets are free: just reply with the name of the person coming with you.\n\n{{agent.name}}",
  },
  { shortcut: "thanks", title: "Thanks and close", body: "Thank you, {{buyer.firstName}}! Enjoy {{event.name}}.\n\n{{organization.name}}" },
];

interface TDemoConversation {
  subject: string;
  requesterName: string;
  requesterEmail: string;
  eventSlug: string;
  status: "OPEN" | "PENDING" | "RESOLVED";
  /** How long ago the buyer wrote. */
  ago: number;
  labels: string[];
  priority: "NORMAL" | "HIGH";
  buyer: string;
  agentReply?: string;
  note?: string;
}

const CONVERSATIONS: TDemoConversation[] = [
  {
    subject: "Wheelchair space for Hamlet?",
    requesterName: "Ingrid Bauer",
    requesterEmail: "ingrid.bauer@example.test",
    eventSlug: "hamlet-reserved",
    status: "OPEN",
    ago: 5 * HOUR,
    labels: ["accessibility"],
    priority: "HIGH",
    buyer: "Hello, my husband uses a wheelchair. Is there a space for him in the stalls, and can I sit next to him?",
  },
  {
    subject: "Can I still get the early bird price?",
    requesterName: "Tom Fischer",
    requesterEmail: "tom.fischer@example.test",
    eventSlug: "northern-lights-live",
    status: "OPEN",
    ago: 50 * MINUTE,
    labels: ["pricing"],
    priority: "NORMAL",
    buyer: "I missed the early bird by a day. Any chance you could honour it for a group of six?",
    note: "Groups of 6+ get 10% off at the box office: ask Ana before promising anything.",
  },
  {
    subject: "Is the secret show all ages?",
    requesterName: "Mia Wagner",
    requesterEmail: "mia.wagner@example.test",
    eventSlug: "midnight-drop-secret-show",
    status: "OPEN",
    ago: 10 * MINUTE,
    labels: [],
    priority: "NORMAL",
    buyer: "My daughter is 15. Can she come with me to the Midnight Drop show?",
  },
  {
    subject: "Cloakroom at Riverside Hall",
    requesterName: "Jonas Keller",
    requesterEmail: "jonas.keller@example.test",
    eventSlug: "northern-lights-live",
    status: "PENDING",
    ago: 2 * DAY,
    labels: ["venue"],
    priority: "NORMAL",
    buyer: "Is there a cloakroom? We are coming straight from the airport with small suitcases.",
    agentReply: "Hello Jonas, yes: the cloakroom in the foyer takes cabin-size suitcases for €3 each. Anything else I can help with?",
  },
  {
    subject: "Parking near the venue",
    requesterName: "Lea Schulz",
    requesterEmail: "lea.schulz@example.test",
    eventSlug: "hamlet-reserved",
    status: "RESOLVED",
    ago: 4 * DAY,
    labels: ["venue"],
    priority: "NORMAL",
    buyer: "Where can we park for the Hamlet evening?",
    agentReply: "Hello Lea, the Uferstraße car park is two minutes away and open until 1 am. Enjoy the show!",
  },
];

/** The demo organisation's inbox settings, canned replies and conversations; conversations only once. */
export async function seedDemoInbox(db: Db, organizationId: string, now: Date): Promise<void> {
  await db.supportSettings.upsert({
    where: { organizationId },
    update: {},
    create: { organizationId, firstResponseMinutes: 60, nextResponseMinutes: 240, inboundLocalPart: DEMO_INBOUND_LOCAL_PART, autoSolvePendingDays: 7 },
  });
  for (const reply of CANNED_REPLIES) {
    await db.cannedReply.upsert({
      where: { organizationId_shortcut: { organizationId, shortcut: reply.shortcut } },
      update: {},
      create: { organizationId, ...reply },
    });
  }
  if ((await db.supportConversation.count({ where: { organizationId } })) > 0) return;

  const agentEmail = DEMO_USERS.find((user) => user.teamRole === "SUPPORT_AGENT")!.email;
  const agent = await db.user.findUniqueOrThrow({ where: { email: agentEmail }, select: { id: true } });
  for (const demo of CONVERSATIONS) {
    const event = await db.event.findUniqueOrThrow({ where: { organizationId_slug: { organizationId, slug: demo.eventSlug } }, select: { id: true } });
    const { lastConversationNumber: number } = await db.supportSettings.update({
      where: { organizationId },
      data: { lastConversationNumber: { increment: 1 } },
      select: { lastConversationNumber: true },
    });
    const askedAt = new Date(now.getTime() - demo.ago);
    const answeredAt = new Date(askedAt.getTime() + 40 * MINUTE);
    const answered = demo.agentReply !== undefined;
    await db.supportConversation.create({
      data: {
        organizationId,
        number,
        eventId: event.id,
        requesterEmail: demo.requesterEmail,
        requesterName: demo.requesterName,
        subject: demo.subject,
        status: demo.status,
        priority: demo.priority,
        labels: demo.labels,
        assigneeId: answered ? agent.id : null,
        assignedAt: answered ? askedAt : null,
        // Nobody will ever follow these by token: a random one, hashed and thrown away.
        accessTokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
        createdAt: askedAt,
        lastMessageAt: answered ? answeredAt : askedAt,
        waitingSince: answered ? null : askedAt,
        firstResponseDueAt: new Date(askedAt.getTime() + 60 * MINUTE),
        firstResponseAt: answered ? answeredAt : null,
        pendingSince: demo.status === "PENDING" ? answeredAt : null,
        resolvedAt: demo.status === "RESOLVED" ? answeredAt : null,
        messages: {
          create: [
            { authorKind: "BUYER", body: demo.buyer, createdAt: askedAt },
            ...(demo.note
              ? [{ authorKind: "AGENT" as const, authorId: agent.id, body: demo.note, internal: true, createdAt: new Date(askedAt.getTime() + MINUTE) }]
              : []),
            ...(answered ? [{ authorKind: "AGENT" as const, authorId: agent.id, body: demo.agentReply!, createdAt: answeredAt }] : []),
          ],
        },
      },
    });
  }
}
