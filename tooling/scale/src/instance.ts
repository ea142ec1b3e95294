// One process of the topology that can be SIGKILLed and started again on the same port.
import { httpStatus, waitUntil } from "@marquee/dev/services/net";
import type { Log } from "@marquee/dev/log";
import { type ManagedProcess, spawnManaged } from "@marquee/dev/processes";

export interface InstanceSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Answers 200 once the process serves. */
  healthUrl: string;
  startTimeoutMs?: number;
}

export interface Instance {
  readonly spec: InstanceSpec;
  start(): Promise<void>;
  /** SIGKILL to the whole process group (no drain, no cleanup); resolves once it has exited. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  pid(): number | undefined;
}

export function instance(spec: InstanceSpec, log: Log): Instance {
  let process: ManagedProcess | undefined;
  return {
    spec,
    async start() {
      const started = spawnManaged(spec.name, spec.command, spec.args, {
        cwd: spec.cwd,
        env: spec.env,
        log: (line) => log(`${spec.name}: ${line}`),
        keepLines: 30,
      });
      process = started;
      await waitUntil(async () => (await httpStatus(spec.healthUrl, 2_000)) === 200, {
        timeoutMs: spec.startTimeoutMs ?? 240_000,
        intervalMs: 250,
        description: `${spec.name} (${spec.healthUrl})`,
        abort: () => (started.exitStatus() ? `${spec.name} exited: ${started.recentOutput().slice(-5).join(" | ")}` : undefined),
      });
    },
    async kill() {
      const running = process;
      if (!running?.child.pid || running.exitStatus()) return;
      try {
        globalThis.process.kill(-running.child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      await running.exited;
    },
    stop: async () => process?.stop(10_000),
    pid: () => process?.child.pid,
  };
}

/** Start instances a few at a time: a dozen Node processes compiling TypeScript at once on two cores only slow each other down. */
export async function startInBatches(instances: Instance[], batch: number): Promise<void> {
  for (let i = 0; i < instances.length; i += batch) await Promise.all(instances.slice(i, i + batch).map((x) => x.start()));
}
