// Who may subscribe to the help inbox's channels (real PostgreSQL, Redis and Soketi): the console's
// realtime.authorize for the agents and presence channels, the shop's support.authorizeChannel for
// the buyer's conversation channel.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { useTestSoketi } from "../../testing/soketi.ts";
import { agentsChannel, buyerChannel, presenceChannel } from "./support-channels.ts";
import { clientWith, consoleCaller, openConversation, shopCaller, SOCKET_ID } from "./support-live-test-kit.ts";

const h = useHarness();
const soketi = useTestSoketi();

describe("console channel auth for the help inbox (realtime.authorize)", () => {
  it("signs the agents channel and a conversation's presence channel (with the agent's id and name) for a support agent", async () => {
    const a = await openConversation(h);
    const agent = await h.make.member(a.organizationId, "SUPPORT_AGENT");
    await h.db.user.update({ where: { id: agent.id }, data: { name: "Ana María Gómez" } });
    const caller = await consoleCaller(h, soketi, agent.id);
    const signed = await caller.realtime.authorize({ organizationId: a.organizationId, socket_id: SOCKET_ID, channel_name: agentsChannel(a.organizationId) });
    expect(signed).toEqual({ auth: expect.stringMatching(/^marquee-test-key:[0-9a-f]{64}$/) });
    const presence = await caller.realtime.authorize({
      organizationId: a.organizationId,
      socket_id: SOCKET_ID,
      channel_name: presenceChannel(a.conversationId),
    });
    expect(JSON.parse(presence.channel_data!)).toEqual({ user_id: agent.id, user_info: { name: "Ana G." } });
    // The dashboard channel still signs as before.
    await expect(
      caller.realtime.authorize({ organizationId: a.organizationId, socket_id: SOCKET_ID, channel_name: `private-org-${a.organizationId}` }),
    ).resolves.toEqual({
      auth: expect.any(String),
    });
  });

  it("refuses another organisation's agents channel and conversation, and roles without support.answer", async () => {
    const a = await openConversation(h);
    const b = await openConversation(h);
    const agentA = await consoleCaller(h, soketi, (await h.make.member(a.organizationId, "SUPPORT_AGENT")).id);
    const authorize = (organizationId: string, channel_name: string) => agentA.realtime.authorize({ organizationId, socket_id: SOCKET_ID, channel_name });
    await expect(authorize(a.organizationId, agentsChannel(b.organizationId))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(authorize(b.organizationId, agentsChannel(b.organizationId))).rejects.toMatchObject({ code: "FORBIDDEN" });
    // B's conversation through A's organisation: as if it did not exist.
    await expect(authorize(a.organizationId, presenceChannel(b.conversationId))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(authorize(a.organizationId, presenceChannel(randomUUID()))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(authorize(b.organizationId, presenceChannel(b.conversationId))).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The buyer's channel is never signed by the console.
    await expect(authorize(a.organizationId, buyerChannel(a.conversationId))).rejects.toMatchObject({ code: "FORBIDDEN" });

    const boxOffice = await consoleCaller(h, soketi, (await h.make.member(a.organizationId, "BOX_OFFICE")).id);
    for (const channel_name of [agentsChannel(a.organizationId), presenceChannel(a.conversationId)]) {
      await expect(boxOffice.realtime.authorize({ organizationId: a.organizationId, socket_id: SOCKET_ID, channel_name })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
  });

  it("Soketi admits a signed agent to the presence channel and refuses a refused one", async () => {
    const a = await openConversation(h);
    const b = await openConversation(h);
    const agentA = await consoleCaller(h, soketi, (await h.make.member(a.organizationId, "SUPPORT_AGENT")).id);
    const client = clientWith(soketi, (input) => agentA.realtime.authorize({ organizationId: a.organizationId, ...input }));
    await expect(soketi.subscribed(client.subscribe(presenceChannel(a.conversationId)))).resolves.toBeUndefined();
    await expect(soketi.subscribed(client.subscribe(presenceChannel(b.conversationId)))).rejects.toThrow("subscription refused");
  });
});

describe("buyer channel auth (support.authorizeChannel)", () => {
  it("signs the conversation's channel for its access token or its signed-in requester, nothing else", async () => {
    const a = await openConversation(h);
    const b = await openConversation(h);
    const request = { socket_id: SOCKET_ID, channel_name: buyerChannel(a.conversationId) };
    await expect((await shopCaller(h, soketi, null, a.accessToken)).support.authorizeChannel(request)).resolves.toEqual({ auth: expect.any(String) });

    // Another conversation's token, no token, a made-up token, an unknown conversation: all "not found".
    for (const token of [b.accessToken, undefined, "x".repeat(43)]) {
      await expect((await shopCaller(h, soketi, null, token)).support.authorizeChannel(request)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const unknown = { socket_id: SOCKET_ID, channel_name: buyerChannel(randomUUID()) };
    await expect((await shopCaller(h, soketi, null, a.accessToken)).support.authorizeChannel(unknown)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Only buyer channels: not the agents' or the presence channel, whatever the token.
    for (const channel_name of [agentsChannel(a.organizationId), presenceChannel(a.conversationId), `private-org-${a.organizationId}`]) {
      await expect((await shopCaller(h, soketi, null, a.accessToken)).support.authorizeChannel({ socket_id: SOCKET_ID, channel_name })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }

    // A signed-in requester needs no token; another signed-in user is refused.
    const requester = await h.make.user();
    await h.db.supportConversation.update({ where: { id: a.conversationId }, data: { requesterId: requester.id } });
    await expect((await shopCaller(h, soketi, requester.id)).support.authorizeChannel(request)).resolves.toEqual({ auth: expect.any(String) });
    await expect((await shopCaller(h, soketi, (await h.make.user()).id)).support.authorizeChannel(request)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("Soketi admits the buyer with the right token and refuses one with another conversation's", async () => {
    const a = await openConversation(h);
    const b = await openConversation(h);
    const withToken = async (token: string) => {
      const caller = await shopCaller(h, soketi, null, token);
      return clientWith(soketi, (input) => caller.support.authorizeChannel(input));
    };
    await expect(soketi.subscribed((await withToken(a.accessToken)).subscribe(buyerChannel(a.conversationId)))).resolves.toBeUndefined();
    await expect(soketi.subscribed((await withToken(b.accessToken)).subscribe(buyerChannel(a.conversationId)))).rejects.toThrow("subscription refused");
  });

  it("refuses a malformed socket id before anything is looked up", async () => {
    const a = await openConversation(h);
    const caller = await shopCaller(h, soketi, null, a.accessToken);
    await expect(caller.support.authorizeChannel({ socket_id: "nope", channel_name: buyerChannel(a.conversationId) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
