import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  AGENTS_CHANNEL_PATTERN,
  BUYER_CHANNEL_PATTERN,
  PRESENCE_CHANNEL_PATTERN,
  agentsChannel,
  buyerChannel,
  changeChannels,
  changeData,
  messageChannels,
  messageData,
  presenceChannel,
} from "./support-channels.ts";

const organizationId = randomUUID();
const conversationId = randomUUID();
const message = { conversationId, organizationId, messageId: randomUUID(), authorKind: "AGENT" as const, internal: false };

describe("help inbox channels", () => {
  it("a visible message goes to the agents and the buyer, an internal one to the agents only", () => {
    expect(messageChannels(message)).toEqual([agentsChannel(organizationId), buyerChannel(conversationId)]);
    expect(messageChannels({ ...message, internal: true })).toEqual([agentsChannel(organizationId)]);
  });

  it("the buyer hears of status changes and merges, not of labels, priority or assignee", () => {
    for (const change of ["status", "merged"]) expect(changeChannels({ conversationId, organizationId, change })).toContain(buyerChannel(conversationId));
    for (const change of ["labels", "priority", "assignee", "opened"])
      expect(changeChannels({ conversationId, organizationId, change })).toEqual([agentsChannel(organizationId)]);
  });

  it("the buyer's data is ids only; the agents' carries what the inbox routes on", () => {
    expect(messageData(message, buyerChannel(conversationId))).toEqual({ conversationId, supportMessageId: message.messageId });
    expect(messageData(message, agentsChannel(organizationId))).toEqual({
      conversationId,
      organizationId,
      supportMessageId: message.messageId,
      authorKind: "AGENT",
      internal: false,
    });
    expect(changeData({ conversationId, organizationId, change: "status" }, buyerChannel(conversationId))).toEqual({ conversationId });
  });

  it("each pattern matches its own channel only", () => {
    const names = [agentsChannel(organizationId), buyerChannel(conversationId), presenceChannel(conversationId)];
    expect(names.map((name) => AGENTS_CHANNEL_PATTERN.test(name))).toEqual([true, false, false]);
    expect(names.map((name) => BUYER_CHANNEL_PATTERN.test(name))).toEqual([false, true, false]);
    expect(names.map((name) => PRESENCE_CHANNEL_PATTERN.test(name))).toEqual([false, false, true]);
    expect(AGENTS_CHANNEL_PATTERN.test(`${agentsChannel(organizationId)}-x`)).toBe(false);
    expect(PRESENCE_CHANNEL_PATTERN.test("presence-support-agents-../x")).toBe(false);
  });
});
