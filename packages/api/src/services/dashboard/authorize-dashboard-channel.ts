import { AppError } from "../../errors.ts";
import type { RealtimePublisher } from "../../realtime/publisher.ts";
import { requireCapability } from "../../permissions.ts";
import type { SessionUser } from "../../session.ts";
import { DASHBOARD_CHANNEL_PATTERN } from "./dashboard-channel.ts";

/**
 * The pusher channel-auth answer for the console: `private-org-<organizationId>` only for a member
 * of that organisation whose role may view events. Any other channel, or another organisation's,
 * is FORBIDDEN (the same answer whether that organisation exists or not).
 */
export function authorizeDashboardChannel(
  realtime: RealtimePublisher | null,
  session: SessionUser,
  input: { organizationId: string; socket_id: string; channel_name: string },
): { auth: string } {
  const match = DASHBOARD_CHANNEL_PATTERN.exec(input.channel_name);
  if (!match || match[1] !== input.organizationId) throw new AppError("FORBIDDEN", "Only this organisation's dashboard channel can be authorised here.");
  requireCapability(session, match[1]!, "event.view");
  if (!realtime) throw new AppError("REALTIME_UNAVAILABLE", "Live updates are not available; reload to see new figures.");
  return { auth: realtime.authorizeChannel(input.socket_id, input.channel_name).auth };
}
