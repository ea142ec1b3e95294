// Shared setup of the help inbox's live tests: conversations opened the buyer's way, callers
// whose context has a real publisher on the test file's Soketi, and pusher-js clients whose
// channel auth goes through those callers (as the console and the shop do).
import type { Channel } from "pusher-js";
import { createContextInner } from "../../context.ts";
import { createRealtimePublisher } from "../../realtime/publisher.ts";
import { createAdminCaller, createWebCaller } from "../../root.ts";
import { loadSessionUser } from "../../session.ts";
import type { Harness } from "../../testing/harness.ts";
import type { TestSoketi } from "../../testing/soketi.ts";

export const SOCKET_ID = "1234.5678";

/** A buyer's conversation about a published event of a new organisation (guest, with its access token). */
export async function openConversation(h: Harness) {
  const { organization, event } = await h.make.gaEvent();
  const buyer = await h.callerAs(null);
  const started = await buyer.support.start({
    name: "Ada Lovelace",
    email: "ada@example.test",
    subject: "Step-free access?",
    message: "Is there a lift?",
    eventId: event.id,
  });
  return { organizationId: organization.id, ...started };
}

async function contextFor(h: Harness, soketi: TestSoketi, userId: string | null, supportToken?: string) {
  const user = userId ? await h.db.user.findUniqueOrThrow({ where: { id: userId } }) : null;
  const session = user ? await loadSessionUser(h.db, { sub: user.id, sessionVersion: user.sessionVersion }) : null;
  return createContextInner({
    db: h.db,
    redis: h.redis,
    redisPrefix: h.redisPrefix,
    queues: h.queues,
    session,
    realtime: createRealtimePublisher(soketi.config),
    request: supportToken ? { supportToken } : undefined,
  });
}

/** The console's router as this member, with the realtime publisher. */
export const consoleCaller = async (h: Harness, soketi: TestSoketi, userId: string) => createAdminCaller(await contextFor(h, soketi, userId));

/** The shop's router as this visitor (a guest unless userId), with X-Support-Token when given. */
export const shopCaller = async (h: Harness, soketi: TestSoketi, userId: string | null, supportToken?: string) =>
  createWebCaller(await contextFor(h, soketi, userId, supportToken));

type TAuthorize = (input: { socket_id: string; channel_name: string }) => Promise<{ auth: string; channel_data?: string }>;

/** A pusher-js client on the test Soketi whose channel auth is `authorize` (a caller's procedure). */
export function clientWith(soketi: TestSoketi, authorize: TAuthorize) {
  return soketi.connect({
    channelAuthorization: {
      endpoint: "",
      transport: "ajax",
      customHandler: ({ socketId, channelName }, callback) => {
        authorize({ socket_id: socketId, channel_name: channelName }).then(
          (answer) => callback(null, answer),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
        );
      },
    },
  });
}

/** Everything a channel receives of the given events, in order, and a way to wait for a count. */
export function recorder(channel: Channel, events: readonly string[]) {
  const received: { event: string; data: Record<string, unknown> }[] = [];
  for (const event of events) channel.bind(event, (data: Record<string, unknown>) => received.push({ event, data }));
  return {
    received,
    async atLeast(count: number, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} event(s), got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
  };
}
