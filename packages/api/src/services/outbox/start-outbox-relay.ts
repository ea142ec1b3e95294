import { outboxLag, relayOutboxOnce, type TOutboxLag } from "./relay-outbox.ts";
import type { TOutboxBatchResult, TOutboxRelayDeps, TOutboxRelayOptions } from "./types.ts";
import type { TOutboxWakeSource } from "./outbox-listener.ts";

export interface TOutboxRelayStats {
  batches: number;
  published: number;
  failed: number;
}

export interface TOutboxRelay {
  /** Counters since start, for metrics. */
  stats(): TOutboxRelayStats;
  /** Unsent rows and the age of the oldest (a query). */
  lag(): Promise<TOutboxLag>;
  /** Ends the loop after the batch in flight (if any) and closes the wake source. */
  stop(): Promise<void>;
}

export interface TStartOutboxRelayOptions extends TOutboxRelayOptions {
  /** Poll interval when idle (default 500 ms); a wake source makes new rows go at once. */
  everyMs?: number;
  /** E.g. listenForOutboxEvents(databaseUrl): NOTIFY from writeOutbox wakes the loop early. */
  wake?: TOutboxWakeSource;
  onBatch?: (result: TOutboxBatchResult) => void;
  onError?: (error: unknown) => void;
}

/**
 * Runs relayOutboxOnce in a loop: at once again after a full batch, else after `everyMs` or a
 * wake-up, whichever comes first. Several relays (processes) may run; SKIP LOCKED and the lease
 * keep them on different rows.
 */
export function startOutboxRelay(deps: TOutboxRelayDeps, options: TStartOutboxRelayOptions = {}): TOutboxRelay {
  const { everyMs = 500, wake, onBatch, onError, ...relayOptions } = options;
  const batch = relayOptions.batch ?? 100;
  const stats: TOutboxRelayStats = { batches: 0, published: 0, failed: 0 };
  let stopped = false;
  let woken = false;
  let resolveSleep: (() => void) | undefined;
  const wakeUp = () => {
    woken = true;
    resolveSleep?.();
  };
  wake?.onWake(wakeUp);

  const sleep = () =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(done, everyMs);
      function done() {
        clearTimeout(timer);
        resolveSleep = undefined;
        resolve();
      }
      resolveSleep = done;
    });

  const loop = async () => {
    while (!stopped) {
      woken = false;
      let full = false;
      try {
        const result = await relayOutboxOnce(deps, relayOptions);
        stats.batches += 1;
        stats.published += result.published;
        stats.failed += result.failed;
        if (result.claimed > 0) onBatch?.(result);
        full = result.claimed >= batch;
      } catch (error) {
        onError?.(error);
      }
      if (!full) await sleep();
    }
  };
  const running = loop();

  return {
    stats: () => ({ ...stats }),
    lag: () => outboxLag(deps.db),
    async stop() {
      stopped = true;
      resolveSleep?.();
      await running;
      await wake?.close();
    },
  };
}
