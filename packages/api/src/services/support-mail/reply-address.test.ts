import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acknowledgementMessageId, conversationOfAcknowledgementId, conversationOfReplyAddress, replyAddress } from "./reply-address.ts";

const DOMAIN = "inbound.marquee.local";

describe("reply address", () => {
  it("names its conversation, fits a 64-character local part and survives case folding", () => {
    const id = randomUUID();
    const address = replyAddress(id, DOMAIN);
    expect(address.split("@")[0]!.length).toBeLessThanOrEqual(64);
    expect(conversationOfReplyAddress(address, DOMAIN)).toBe(id);
    expect(conversationOfReplyAddress(address.toUpperCase().replace(/@.*/, `@${DOMAIN}`), DOMAIN)).toBe(id);
  });

  it("opens nothing with another conversation's id, a changed token or another domain", () => {
    const id = randomUUID();
    const address = replyAddress(id, DOMAIN);
    const other = randomUUID().replaceAll("-", "");
    expect(conversationOfReplyAddress(address.replace(/^reply\+[0-9a-f]{32}/, `reply+${other}`), DOMAIN)).toBeNull();
    const lastTokenChar = address.indexOf("@") - 1;
    const flipped = `${address.slice(0, lastTokenChar)}${address[lastTokenChar] === "a" ? "b" : "a"}${address.slice(lastTokenChar + 1)}`;
    expect(conversationOfReplyAddress(flipped, DOMAIN)).toBeNull();
    expect(conversationOfReplyAddress(address.replace(DOMAIN, "evil.example"), DOMAIN)).toBeNull();
    expect(conversationOfReplyAddress("reply+short@inbound.marquee.local", DOMAIN)).toBeNull();
  });

  it("reads an acknowledgement's Message-ID back only for our domain", () => {
    const id = randomUUID();
    expect(conversationOfAcknowledgementId(acknowledgementMessageId(id, DOMAIN), DOMAIN)).toBe(id);
    expect(conversationOfAcknowledgementId(acknowledgementMessageId(id, "evil.example"), DOMAIN)).toBeNull();
  });
});
