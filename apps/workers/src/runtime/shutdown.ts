import { type Logger } from "./logger.ts";

export type TShutdownStep = readonly [name: string, run: () => Promise<unknown> | unknown];

/**
 * On the first SIGTERM or SIGINT, runs `steps` in order and exits 0 (1 if a step failed).
 * Later signals are logged and ignored: under `npm start` a terminal Ctrl-C reaches both the
 * supervisor and its children, so a child sees it twice. `timeoutMs` bounds the whole shutdown.
 */
export function handleShutdownSignals(logger: Logger, steps: readonly TShutdownStep[], timeoutMs = 15_000): void {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.info({ signal }, "already shutting down");
      return;
    }
    shuttingDown = true;
    logger.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, "shutdown timed out");
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    void runSteps(logger, steps).then((ok) => {
      logger.info({ ok }, "shutdown complete");
      process.exit(ok ? 0 : 1);
    });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

/** Runs each step even if an earlier one failed; resolves false if any failed. */
export async function runSteps(logger: Logger, steps: readonly TShutdownStep[]): Promise<boolean> {
  let ok = true;
  for (const [name, run] of steps) {
    try {
      await run();
      logger.debug({ step: name }, "shutdown step done");
    } catch (error) {
      ok = false;
      logger.error({ err: error, step: name }, "shutdown step failed");
    }
  }
  return ok;
}
