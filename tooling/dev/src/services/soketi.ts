import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "@marquee/config/env";
import { inheritedEnv } from "../env.ts";
import { silentLog, stripAnsi, type Log } from "../log.ts";
import { spawnManaged } from "../processes.ts";
import { bindAddress, canConnect, findFreePort, httpStatus, isLocalHost, waitUntil } from "./net.ts";
import type { ServiceHandle } from "./types.ts";

export interface SoketiOptions {
  host: string;
  port: number;
  appId: string;
  key: string;
  secret: string;
  useTLS?: boolean;
  log?: Log;
}

export interface SoketiHandle extends ServiceHandle {
  readonly host: string;
  readonly port: number;
}

/** Environment for `soketi start`: its SOKETI_* names (see @soketi/soketi dist/cli/cli.js). */
export function soketiEnv(options: { host: string; port: number; appId: string; key: string; secret: string; metricsPort: number }): Record<string, string> {
  return {
    SOKETI_HOST: bindAddress(options.host),
    SOKETI_PORT: String(options.port),
    SOKETI_DEFAULT_APP_ID: options.appId,
    SOKETI_DEFAULT_APP_KEY: options.key,
    SOKETI_DEFAULT_APP_SECRET: options.secret,
    // Client events ("client-typing" on the help inbox's presence channels): only on channels the
    // server signed, and on presence channels Soketi stamps them with the sender's user_id.
    SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: "true",
    // Soketi always opens a metrics/usage server (default 9601): a free port lets several run.
    SOKETI_METRICS_SERVER_PORT: String(options.metricsPort),
    SOKETI_METRICS_HOST: "127.0.0.1",
    // Dev server: no 3 s wait for clients on shutdown.
    SOKETI_SHUTDOWN_GRACE_PERIOD: "200",
    // Silences the aws-sdk v2 end-of-support notice soketi triggers.
    NODE_NO_WARNINGS: "1",
  };
}

/** node_modules' Soketi package folder: the cwd to run it in (outside the repo: Soketi loads a .env from its cwd). */
export function soketiDir(): string {
  return dirname(createRequire(import.meta.url).resolve("@soketi/soketi/package.json"));
}

/**
 * The script that runs node_modules' Soketi with Marquee's fan-out (`soketi/marquee-soketi.cjs`:
 * one serialisation and a native uWebSockets publish per message, O(1) subscriber counts); run it
 * as `node <entry> start` with soketiEnv.
 */
export function soketiEntry(): string {
  return fileURLToPath(new URL("../../soketi/marquee-soketi.cjs", import.meta.url));
}

/** Stock Soketi's own CLI script (the fan-out bench's `--stock` comparison). */
export function soketiStockEntry(): string {
  return join(soketiDir(), "bin", "server.js");
}

const isSoketi = async (url: string): Promise<boolean> => (await httpStatus(url, 1_000)) === 200;

/** Use the Soketi at host:port if it answers; otherwise run node_modules' soketi there. */
export async function findOrStartSoketi(options: SoketiOptions): Promise<SoketiHandle> {
  const log = options.log ?? silentLog;
  const scheme = options.useTLS ? "https" : "http";
  const url = `${scheme}://${options.host}:${options.port}`;
  const where = `${options.host}:${options.port}`;

  if (await isSoketi(`${url}/`)) {
    return { url, host: options.host, port: options.port, startedByUs: false, description: `Soketi at ${where} (already running)`, stop: async () => {} };
  }
  if (await canConnect(options.host, options.port)) {
    throw new ConfigError(`Port ${options.port} on ${options.host} is in use by something that is not Soketi; free it or change SOKETI_PORT`);
  }
  if (!isLocalHost(options.host)) throw new ConfigError(`Soketi at ${where} does not answer; start it or change SOKETI_HOST/SOKETI_PORT`);
  if (options.useTLS) throw new ConfigError(`Soketi at ${where} does not answer and a local Soketi is started without TLS: set SOKETI_USE_TLS=false`);

  const metricsPort = await findFreePort();
  const env = inheritedEnv({ ...soketiEnv({ ...options, metricsPort }) });
  // cwd outside the repo: soketi loads a .env from its cwd and would read ours.
  // Soketi decorates its lines with colours and padding.
  const server = spawnManaged("soketi", process.execPath, [soketiEntry(), "start"], { cwd: soketiDir(), env, log: (line) => log(stripAnsi(line).trim()) });
  try {
    await waitUntil(() => isSoketi(`${url}/`), {
      timeoutMs: 30_000,
      intervalMs: 50,
      description: `Soketi on ${where}`,
      abort: () => (server.exitStatus() ? `soketi exited: ${server.recentOutput().slice(-3).join(" | ")}` : undefined),
    });
  } catch (error) {
    await server.stop(2_000);
    throw new ConfigError(`Soketi did not start on ${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    url,
    host: options.host,
    port: options.port,
    startedByUs: true,
    description: `Soketi (node_modules, app ${options.appId})`,
    stop: () => server.stop(5_000),
  };
}
