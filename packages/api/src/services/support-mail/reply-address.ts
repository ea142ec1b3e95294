import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecretKey } from "../../lib/bound-token.ts";
export { readInboundEmailDomain } from "../../env.ts";

// The Reply-To of every support e-mail: `reply+<token>@<INBOUND_EMAIL_DOMAIN>`. The token is the
// conversation's id and an HMAC over it (key derived from AUTH_SECRET), in lower-case base32 so an
// MTA that folds the local part's case cannot break it, and short enough for a 64-character local
// part. It never expires: a reply months later still finds its conversation (merged ones follow).

const PURPOSE = "support-reply-address";
const MAC_BYTES = 15;
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const LOCAL_PART = /^reply\+([0-9a-f]{32})([a-z2-7]{24})$/;

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

const mac = (hexId: string) => base32(createHmac("sha256", authSecretKey(PURPOSE)).update(hexId).digest().subarray(0, MAC_BYTES));

/** The conversation's reply address at the inbound domain. */
export function replyAddress(conversationId: string, domain: string): string {
  const hexId = conversationId.replaceAll("-", "").toLowerCase();
  return `reply+${hexId}${mac(hexId)}@${domain}`;
}

const uuidOf = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** The conversation a reply address at our domain names, when its token is genuine (constant-time check); else null. */
export function conversationOfReplyAddress(address: string, domain: string): string | null {
  const at = address.lastIndexOf("@");
  if (at < 0 || address.slice(at + 1).toLowerCase() !== domain) return null;
  const match = LOCAL_PART.exec(address.slice(0, at).toLowerCase());
  if (!match) return null;
  const expected = Buffer.from(mac(match[1]!));
  const given = Buffer.from(match[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? uuidOf(match[1]!) : null;
}

/** Message-IDs of the e-mails Marquee sends for a conversation: each agent reply, and the acknowledgement. */
export const agentReplyMessageId = (supportMessageId: string, domain: string) => `<support-${supportMessageId}@${domain}>`;
export const acknowledgementMessageId = (conversationId: string, domain: string) => `<support-ack-${conversationId}@${domain}>`;

const ACK_ID = /^<?support-ack-([0-9a-f-]{36})@([^>]+)>?$/i;

/** The conversation an acknowledgement's Message-ID names (a buyer replying to it threads by In-Reply-To too). */
export function conversationOfAcknowledgementId(messageId: string, domain: string): string | null {
  const match = ACK_ID.exec(messageId.trim());
  return match && match[2]!.toLowerCase() === domain ? match[1]!.toLowerCase() : null;
}
