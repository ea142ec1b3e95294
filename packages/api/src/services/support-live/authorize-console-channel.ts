import type { Db } from "@marquee/db";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { requireCapability } from "../../permissions.ts";
import type { ChannelAuthorization, RealtimePublisher } from "../../realtime/publisher.ts";
import type { SessionUser } from "../../session.ts";
import { authorizeDashboardChannel } from "../dashboard/authorize-dashboard-channel.ts";
import { AGENTS_CHANNEL_PATTERN, PRESENCE_CHANNEL_PATTERN } from "./support-channels.ts";

/** The console's channel-auth answer: presence channels carry the member's id and name (channel_data). */
export const ZConsoleChannelAuthOutput = z.object({ auth: z.string(), channel_data: z.string().optional() });
export type TConsoleChannelAuthOutput = z.infer<typeof ZConsoleChannelAuthOutput>;

/** What other agents see of a viewer: first name and last initial ("Ana G."), else the e-mail's local part. */
export function presenceName(user: Pick<SessionUser, "name" | "email">): string {
  const words = (user.name ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return user.email.split("@")[0]!.slice(0, 40);
  const [first, ...rest] = words;
  const last = rest.at(-1);
  return (last ? `${first} ${last[0]!.toUpperCase()}.` : first!).slice(0, 40);
}

/**
 * The console's pusher channel auth for one organisation: its dashboard channel (event.view,
 * authorizeDashboardChannel), the help inbox's agents channel `private-support-<organizationId>`
 * and the presence channel `presence-support-agents-<conversationId>` of one of its conversations
 * (both support.answer). Another organisation's channel is FORBIDDEN; a conversation that is not
 * this organisation's is NOT_FOUND whether it exists elsewhere or not.
 */
export async function authorizeConsoleChannel(
  deps: { db: Db; realtime: RealtimePublisher | null },
  session: SessionUser,
  input: { organizationId: string; socket_id: string; channel_name: string },
): Promise<TConsoleChannelAuthOutput> {
  const agents = AGENTS_CHANNEL_PATTERN.exec(input.channel_name);
  const presence = PRESENCE_CHANNEL_PATTERN.exec(input.channel_name);
  if (!agents && !presence) return authorizeDashboardChannel(deps.realtime, session, input);
  requireCapability(session, input.organizationId, "support.answer");
  if (agents && agents[1] !== input.organizationId) throw new AppError("FORBIDDEN", "Only this organisation's inbox channel can be authorised here.");
  if (presence) {
    const conversation = await deps.db.supportConversation.findFirst({
      where: { id: presence[1]!, organizationId: input.organizationId },
      select: { id: true },
    });
    if (!conversation) throw new AppError("NOT_FOUND", "Conversation not found.");
  }
  if (!deps.realtime) throw new AppError("REALTIME_UNAVAILABLE", "Live updates are not available; reload to see new messages.");
  const signed: ChannelAuthorization = presence
    ? deps.realtime.authorizeChannel(input.socket_id, input.channel_name, { user_id: session.id, user_info: { name: presenceName(session) } })
    : deps.realtime.authorizeChannel(input.socket_id, input.channel_name);
  return signed.channel_data === undefined ? { auth: signed.auth } : { auth: signed.auth, channel_data: signed.channel_data };
}
