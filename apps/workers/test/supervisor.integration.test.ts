// `tsx src/main.ts all` (npm start): five roles as child processes, output prefixed per role.
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { ROLES } from "../src/env.ts";
import { eventually, freePorts, killAll, spawnWorker, uniquePrefix, waitForHealthy } from "./testing/processes.ts";
import { connectTestRedis, deleteKeysWithPrefix } from "./testing/redis-keys.ts";

const prefixes: string[] = [];

afterAll(async () => {
  killAll();
  const redis = connectTestRedis();
  for (const prefix of prefixes) await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

/** Free gRPC and HTTP ports for every role, as environment variables. */
async function allRoleEnv() {
  const ports = await freePorts(ROLES.length * 2);
  const prefix = uniquePrefix("all");
  prefixes.push(prefix);
  const env: Record<string, string> = { REDIS_PREFIX: prefix };
  const httpPorts: Record<string, number> = {};
  ROLES.forEach((role, index) => {
    env[`${role.toUpperCase()}_GRPC_PORT`] = String(ports[index * 2]);
    env[`${role.toUpperCase()}_HTTP_PORT`] = String(ports[index * 2 + 1]);
    httpPorts[role] = ports[index * 2 + 1]!;
  });
  return { env, httpPorts };
}

describe("main.ts all", () => {
  it("runs every role as its own process and stops them all on SIGTERM with exit 0", async () => {
    const { env, httpPorts } = await allRoleEnv();
    const supervisor = spawnWorker(["all"], env);
    // Five processes start at once (the notification role warms its PDF renderers): slow on a busy runner.
    await Promise.all(ROLES.map((role) => waitForHealthy(`http://127.0.0.1:${httpPorts[role]}/healthz`, supervisor, 150_000)));
    // "worker started" is logged just after /healthz starts answering; wait for all five lines.
    await eventually(
      async () => supervisor.stdout().match(/"msg":"worker started"/g)?.length ?? 0,
      (count) => count === ROLES.length,
    );
    const pids = new Set<number>();
    for (const role of ROLES) {
      const line = supervisor
        .stdout()
        .split("\n")
        .find((text) => text.startsWith(`[${role.padEnd(12)}] {`) && text.includes('"msg":"worker started"'));
      expect(line, `start line of ${role}`).toBeDefined();
      pids.add(JSON.parse(line!.slice(15)).pid as number);
    }
    expect(pids.size).toBe(ROLES.length);

    const exit = await supervisor.stop("SIGTERM", 15_000);
    expect(exit).toMatchObject({ code: 0, timedOut: false });
    expect(supervisor.stdout().match(/"msg":"shutdown complete"/g)).toHaveLength(ROLES.length);
  }, 200_000);

  it("gives up on a role in a crash loop with one line, keeps the others running, and exits 1 when stopped", async () => {
    const { env, httpPorts } = await allRoleEnv();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(Number(env.INVOICE_HTTP_PORT), "127.0.0.1", resolve));
    try {
      const supervisor = spawnWorker(["all"], env);
      // Restarts after 0.5, 1, 2, 4 and 8 s, then the sixth short run in a row gives up. Each run
      // loads the role's modules before its port fails: a few seconds, many more on a busy runner.
      const givenUp = await eventually(async () => supervisor.stderr().includes("giving up"), Boolean, 240_000);
      expect(givenUp, supervisor.stderr()).toBe(true);
      const stderr = supervisor.stderr();
      expect(stderr).toContain(`[invoice     ] Invalid configuration: INVOICE_HTTP_PORT cannot be used for HTTP`);
      expect(stderr).toMatch(/\[supervisor\] invoice exited \(code 1\) after [\d.]+ s; restarting it in 0\.5 s \(restart 1 of 5 in a row\)/);
      expect(stderr).toMatch(/\[supervisor\] invoice exited \(code 1\) after [\d.]+ s; restarting it in 8\.0 s \(restart 5 of 5 in a row\)/);
      expect(stderr.match(/giving up/g)).toHaveLength(1);
      expect(stderr).toContain(
        "[supervisor] invoice exited (code 1) 6 times in a row, each within 30.0 s of starting: giving up on it; the other roles keep running",
      );
      // The other roles were never stopped.
      for (const role of ROLES.filter((candidate) => candidate !== "invoice")) {
        expect((await fetch(`http://127.0.0.1:${httpPorts[role]}/healthz`)).status, role).toBe(200);
      }
      const exit = await supervisor.stop("SIGTERM", 15_000);
      expect(exit).toMatchObject({ code: 1, timedOut: false });
    } finally {
      blocker.close();
    }
  }, 300_000);
});
