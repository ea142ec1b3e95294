import type { TBookingDeps } from "../booking/types.ts";
import { listActiveWaitingRooms, tickWaitingRoom, type TTickResult } from "./admit.ts";
import type { TQueueEvent } from "./queue-event.ts";

/** Admission steps every 200 ms spread an outflow cap's admissions over the second. */
export const WAITING_ROOM_TICK_MS = 200;
const HOUSEKEEPING_MS = 1_000;
const ROOM_LIST_REFRESH_MS = 5_000;

export interface TWaitingRoomTicker {
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
}

export interface TTickerOptions {
  everyMs?: number;
  onTick?: (event: TQueueEvent, result: TTickResult) => void;
  onError?: (error: unknown) => void;
}

/**
 * Ticks every active waiting room once per `everyMs` (the booking worker runs it): admissions as
 * stock comes back, and once a second closing at sell-out, ETA rates and position pushes. A tick
 * still running is never overlapped; Redis locks per event let one process do each per period.
 */
export function startWaitingRoomTicker(deps: TBookingDeps, options: TTickerOptions = {}): TWaitingRoomTicker {
  const everyMs = options.everyMs ?? WAITING_ROOM_TICK_MS;
  let rooms: TQueueEvent[] = [];
  let listedAt = 0;
  let running: Promise<void> | null = null;
  const tick = async () => {
    if (Date.now() - listedAt >= ROOM_LIST_REFRESH_MS) {
      rooms = await listActiveWaitingRooms(deps);
      listedAt = Date.now();
    }
    for (const event of rooms) {
      try {
        const result = await tickWaitingRoom(deps, event, {
          lockMs: Math.max(1, Math.floor(everyMs * 0.9)),
          housekeepingLockMs: Math.max(everyMs, HOUSEKEEPING_MS) - 50,
        });
        if (result) options.onTick?.(event, result);
      } catch (error) {
        options.onError?.(error);
      }
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
