import type { RealtimeEvent, RealtimePublisher } from "../../realtime/publisher.ts";

const EVENTS_PER_REQUEST = 10;
const PARALLEL_REQUESTS = 8;

/**
 * Sends many private-channel events (10 per HTTP request, the pusher batch limit) with a few
 * requests in flight. Best effort: a failed batch is reported and skipped, because every waiting
 * buyer can also poll getQueueStatus; the next tick pushes positions again.
 */
export async function publishQueueEvents(realtime: RealtimePublisher | null | undefined, events: RealtimeEvent[]): Promise<number> {
  if (!realtime || events.length === 0) return 0;
  let next = 0;
  let failed = 0;
  const lane = async () => {
    while (next < events.length) {
      const batch = events.slice(next, next + EVENTS_PER_REQUEST);
      next += EVENTS_PER_REQUEST;
      try {
        await realtime.triggerBatch(batch);
      } catch (error) {
        failed += batch.length;
        if (failed === batch.length) console.warn("waiting room: publishing queue events failed:", error instanceof Error ? error.message : error);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_REQUESTS }, lane));
  return events.length - failed;
}
