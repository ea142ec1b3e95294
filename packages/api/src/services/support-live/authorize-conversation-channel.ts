import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import type { RealtimePublisher } from "../../realtime/publisher.ts";
import { requireConversationAccess } from "../support/conversation-access.ts";
import { BUYER_CHANNEL_PATTERN } from "./support-channels.ts";

/**
 * The buyer's channel auth: `private-support-conversation-<conversationId>` only for a caller who
 * may read that conversation (its access token in X-Support-Token, the e-mailed link's token, or
 * the signed-in requester; requireConversationAccess). Anything else is NOT_FOUND, as support.thread
 * answers, so the endpoint tells nobody whether a conversation exists.
 */
export async function authorizeConversationChannel(
  deps: { db: Db; realtime: RealtimePublisher | null; clock: { now(): Date } },
  userId: string | null,
  input: { socket_id: string; channel_name: string },
  accessToken: string | null | undefined,
): Promise<{ auth: string }> {
  const match = BUYER_CHANNEL_PATTERN.exec(input.channel_name);
  if (!match) throw new AppError("FORBIDDEN", "Only support conversation channels can be authorised here.");
  await requireConversationAccess(deps.db, userId, { conversationId: match[1]! }, accessToken, deps.clock.now());
  if (!deps.realtime) throw new AppError("REALTIME_UNAVAILABLE", "Live updates are not available; the page refreshes on its own.");
  return { auth: deps.realtime.authorizeChannel(input.socket_id, input.channel_name).auth };
}
