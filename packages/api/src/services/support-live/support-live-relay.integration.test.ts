// The live path of the help inbox end to end on real PostgreSQL, Redis and Soketi: a message
// written the services' way, the outbox relay, Soketi, pusher-js clients signed by our auth.
// Each test moves its own outbox rows to a unique aggregateType, so the relay here publishes
// nothing of other tests running on the same database.
import { beforeAll, describe, expect, it } from "vitest";
import { type RealtimePublisher, createRealtimePublisher } from "../../realtime/publisher.ts";
import { useHarness } from "../../testing/harness.ts";
import { useTestSoketi } from "../../testing/soketi.ts";
import { testAggregateType } from "../outbox/outbox-test-kit.ts";
import { relayOutboxOnce } from "../outbox/relay-outbox.ts";
import { addAgentReply } from "../support/add-agent-reply.ts";
import { announceConversationChange } from "../support/support-events.ts";
import { agentsChannel, buyerChannel, presenceChannel, SUPPORT_CHANGE_EVENT, SUPPORT_MESSAGE_EVENT, TYPING_CLIENT_EVENT } from "./support-channels.ts";
import { clientWith, consoleCaller, openConversation, recorder, shopCaller } from "./support-live-test-kit.ts";

const h = useHarness();
const soketi = useTestSoketi();
let realtime: RealtimePublisher;
beforeAll(() => {
  realtime = createRealtimePublisher(soketi.config);
});

const EVENTS = [SUPPORT_MESSAGE_EVENT, SUPPORT_CHANGE_EVENT];

/** Relays this conversation's unsent rows (only them) and returns how many were published. */
async function relayConversation(conversationId: string): Promise<number> {
  const aggregateType = testAggregateType();
  await h.db.outboxEvent.updateMany({ where: { aggregateId: conversationId, sentAt: null }, data: { aggregateType } });
  const result = await relayOutboxOnce({ db: h.db, queues: h.queues, realtime }, { aggregateType });
  expect(result.failed).toBe(0);
  return result.published;
}

/** An agent of the conversation's organisation and the buyer, both subscribed to their channels. */
async function listeners(conversation: Awaited<ReturnType<typeof openConversation>>) {
  const agentId = (await h.make.member(conversation.organizationId, "SUPPORT_AGENT")).id;
  const agent = await consoleCaller(h, soketi, agentId);
  const agentChannel = clientWith(soketi, (input) => agent.realtime.authorize({ organizationId: conversation.organizationId, ...input })).subscribe(
    agentsChannel(conversation.organizationId),
  );
  const buyer = await shopCaller(h, soketi, null, conversation.accessToken);
  const buyerSide = clientWith(soketi, (input) => buyer.support.authorizeChannel(input)).subscribe(buyerChannel(conversation.conversationId));
  const agentEvents = recorder(agentChannel, EVENTS);
  const buyerEvents = recorder(buyerSide, EVENTS);
  await Promise.all([soketi.subscribed(agentChannel), soketi.subscribed(buyerSide)]);
  return { agentId, agentEvents, buyerEvents };
}

describe("support live path (outbox relay → Soketi)", () => {
  it("publishes a visible reply to the agents and the buyer, an internal note only to the agents, ids only to the buyer", async () => {
    const conversation = await openConversation(h);
    const { conversationId, organizationId } = conversation;
    const { agentId, agentEvents, buyerEvents } = await listeners(conversation);
    // The buyer's opening message and the "opened" change were written by support.start.
    await relayConversation(conversationId);
    await agentEvents.atLeast(2);

    const note = await addAgentReply(h.db, { conversationId, agentId, body: "Check the venue's lift first.", internal: true });
    const reply = await addAgentReply(h.db, { conversationId, agentId, body: "Yes, there is a lift.", internal: false });
    expect(await relayConversation(conversationId)).toBe(2);
    const agentSaw = await agentEvents.atLeast(4);
    const messages = agentSaw.filter((entry) => entry.event === SUPPORT_MESSAGE_EVENT).map((entry) => entry.data);
    expect(messages).toEqual(
      expect.arrayContaining([
        {
          conversationId,
          organizationId,
          supportMessageId: note.messageId,
          authorKind: "AGENT",
          internal: true,
          messageId: expect.stringMatching(/^outbox-\d+$/),
        },
        {
          conversationId,
          organizationId,
          supportMessageId: reply.messageId,
          authorKind: "AGENT",
          internal: false,
          messageId: expect.stringMatching(/^outbox-\d+$/),
        },
      ]),
    );
    // The buyer: its own opening message and the agent's reply (ids only); never the note.
    const buyerSaw = await buyerEvents.atLeast(2);
    const buyerMessages = buyerSaw.filter((entry) => entry.event === SUPPORT_MESSAGE_EVENT).map((entry) => entry.data);
    expect(buyerMessages).toContainEqual({ conversationId, supportMessageId: reply.messageId, messageId: expect.any(String) });
    expect(buyerMessages.map((data) => data.supportMessageId)).not.toContain(note.messageId);
    for (const { data } of buyerSaw) expect(Object.keys(data).sort()).toEqual(expect.arrayContaining(["conversationId", "messageId"]));
    expect(buyerSaw.some(({ data }) => "authorKind" in data || "organizationId" in data || "internal" in data)).toBe(false);
  });

  it("tells the buyer of status changes only, the agents of every change", async () => {
    const conversation = await openConversation(h);
    const { conversationId, organizationId } = conversation;
    const { agentEvents, buyerEvents } = await listeners(conversation);
    await relayConversation(conversationId);
    await h.db.$transaction(async (tx) => {
      await announceConversationChange(tx, { conversationId, organizationId, change: "labels" });
      await announceConversationChange(tx, { conversationId, organizationId, change: "status" });
    });
    await relayConversation(conversationId);
    const changes = (await agentEvents.atLeast(4)).filter((entry) => entry.event === SUPPORT_CHANGE_EVENT).map((entry) => entry.data.change);
    expect(changes).toEqual(expect.arrayContaining(["opened", "labels", "status"]));
    // The buyer: its opening message, then the status change (the relay publishes rows concurrently, so wait for it).
    const deadline = Date.now() + 5_000;
    while (!buyerEvents.received.some((entry) => entry.event === SUPPORT_CHANGE_EVENT) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(buyerEvents.received.filter((entry) => entry.event === SUPPORT_CHANGE_EVENT).map((entry) => entry.data)).toEqual([
      { conversationId, messageId: expect.any(String) },
    ]);
  });

  it("agents on a conversation's presence channel see each other and each other's typing, stamped by Soketi", async () => {
    const conversation = await openConversation(h);
    const agents = await Promise.all(
      ["Ana Gómez", "Ben Okafor"].map(async (name) => {
        const member = await h.make.member(conversation.organizationId, "SUPPORT_AGENT");
        await h.db.user.update({ where: { id: member.id }, data: { name } });
        const caller = await consoleCaller(h, soketi, member.id);
        const channel = clientWith(soketi, (input) => caller.realtime.authorize({ organizationId: conversation.organizationId, ...input })).subscribe(
          presenceChannel(conversation.conversationId),
        );
        await soketi.subscribed(channel);
        return { id: member.id, channel };
      }),
    );
    const [ana, ben] = agents as [(typeof agents)[0], (typeof agents)[0]];
    const members = (ben.channel as unknown as { members: { count: number; get(id: string): { info: { name: string } } | null } }).members;
    expect(members.count).toBe(2);
    expect(members.get(ana.id)?.info).toEqual({ name: "Ana G." });

    const typed: { data: unknown; userId?: string }[] = [];
    ben.channel.bind(TYPING_CLIENT_EVENT, (data: unknown, metadata?: { user_id?: string }) => typed.push({ data, userId: metadata?.user_id }));
    expect(ana.channel.trigger(TYPING_CLIENT_EVENT, {})).toBe(true);
    const deadline = Date.now() + 5_000;
    while (typed.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(typed).toEqual([{ data: {}, userId: ana.id }]);
  });
});
