import { AppError } from "../../errors.ts";
import type { RealtimePublisher } from "../../realtime/publisher.ts";
import type { TBookingDeps } from "../booking/types.ts";
import type { TResolvedCart } from "../cart/resolve-cart.ts";
import { QUEUE_CHANNEL_PATTERN, queueKeys } from "./queue-keys.ts";

/**
 * The pusher channel-auth answer for `private-queue-<queueTicketId>`: only the cart that owns the
 * queue ticket may subscribe. A subscriber becomes a listener that the waiting-room tick pushes
 * `position` to.
 */
export async function authorizeQueueChannel(
  deps: TBookingDeps,
  cart: TResolvedCart,
  input: { socket_id: string; channel_name: string },
): Promise<{ auth: string }> {
  const realtime: RealtimePublisher | null | undefined = deps.realtime;
  const match = QUEUE_CHANNEL_PATTERN.exec(input.channel_name);
  if (!match) throw new AppError("FORBIDDEN", "Only queue channels can be authorised here.");
  const ticket = await deps.db.queueTicket.findUnique({ where: { id: match[1]! }, select: { cartId: true, eventId: true } });
  if (!ticket || ticket.cartId !== cart.id) throw new AppError("FORBIDDEN", "This queue ticket belongs to another cart.");
  if (!realtime) throw new AppError("REALTIME_UNAVAILABLE", "Live updates are not available; poll the queue status instead.");
  const keys = queueKeys(deps.redisPrefix, ticket.eventId);
  await deps.redis.zadd(keys.listeners, "NX", deps.clock.now().getTime(), match[1]!);
  const { auth } = realtime.authorizeChannel(input.socket_id, input.channel_name);
  return { auth };
}
