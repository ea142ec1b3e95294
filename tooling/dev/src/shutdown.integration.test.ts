import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SAME_REQUEST_MS } from "./cli.ts";
import { repoRoot } from "./paths.ts";
import { canConnect, findFreePort } from "./services/net.ts";

// `npm run services` as a user runs it: node with tsx's loader, either leading its own process group or under a
// shell that does.
async function startServicesCli(underShell: boolean) {
  const ports = { redis: await findFreePort(), soketi: await findFreePort(), smtp: await findFreePort(), http: await findFreePort() };
  // As the root package.json runs it: node with tsx's loader, no tsx CLI in between. The tsx CLI
  // relays a Ctrl-C to its child and SIGKILLs it (exit 130) when the child has not acknowledged
  // within 30 ms, which a busy machine misses: services were then killed instead of stopped.
  const node = ["node", "--import", "tsx", "tooling/dev/src/services-cli.ts"];
  const command = underShell ? ["sh", "-c", node.join(" ")] : node;
  const leader = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      REDIS_URL: `redis://127.0.0.1:${ports.redis}`,
      SOKETI_PORT: String(ports.soketi),
      SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
      MAILCATCHER_HTTP_PORT: String(ports.http),
      MAILCATCHER_URL: `http://127.0.0.1:${ports.http}`,
    },
  });
  let output = "";
  leader.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  leader.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<number | null>((resolve) => leader.on("close", (code) => resolve(code)));
  const deadline = Date.now() + 45_000;
  while (!output.includes("Ctrl-C stops")) {
    if (Date.now() > deadline) throw new Error(`services did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const listening = async () => Promise.all([ports.redis, ports.soketi, ports.smtp, ports.http].map((port) => canConnect("127.0.0.1", port)));
  // services-cli keeps Redis's append-only file in .data/redis-<port>: not wanted after a test.
  const removeRedisData = () => rmSync(join(repoRoot, ".data", `redis-${ports.redis}`), { recursive: true, force: true });
  return { leader, closed, listening, removeRedisData, output: () => output };
}

describe("stopping what was started", () => {
  it("Ctrl-C (SIGINT to the process group) stops every service it started and exits 0", async () => {
    const run = await startServicesCli(false);
    expect(await run.listening()).toEqual([true, true, true, true]);
    process.kill(-run.leader.pid!, "SIGINT");
    expect(await run.closed).toBe(0);
    expect(await run.listening()).toEqual([false, false, false, false]);
    expect(run.output()).toContain("redis-server on 127.0.0.1");
    run.removeRedisData();
  });

  it("stops when its launcher dies without passing a SIGTERM on (as npm does)", async () => {
    const run = await startServicesCli(true);
    process.kill(run.leader.pid!, "SIGKILL"); // the group leader only
    const deadline = Date.now() + 20_000;
    while ((await run.listening()).some(Boolean)) {
      if (Date.now() > deadline) throw new Error(`still listening:\n${run.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await run.closed;
    expect(run.output()).toContain("The process that started this one (npm) has exited");
    run.removeRedisData();
  });
});

// onShutdownSignal in a process of its own, whose stop() first blocks the event loop for BLOCK_MS
// (as a synchronous step of a real stop can) and then waits WAIT_MS.
const SIGNAL_FIXTURE = `
import { onShutdownSignal } from ${JSON.stringify(join(repoRoot, "tooling", "dev", "src", "cli.ts"))};
onShutdownSignal(async (signal) => {
  console.log("stopping on " + signal);
  const until = Date.now() + Number(process.env.BLOCK_MS);
  while (Date.now() < until) {}
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.WAIT_MS)));
  console.log("stopped");
});
setInterval(() => {}, 1000);
console.log("ready");
`;

async function startSignalFixture(blockMs: number, waitMs: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SIGNAL_FIXTURE], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, BLOCK_MS: String(blockMs), WAIT_MS: String(waitMs) },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!output.includes("ready")) {
    if (Date.now() > deadline) throw new Error(`the fixture did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, closed, output: () => output };
}

describe("a stop signal received twice", () => {
  it("is one request when SIGTERM reaches the group and then comes again through npm, even while the loop is busy", async () => {
    const run = await startSignalFixture(2_500, 200);
    process.kill(-run.child.pid!, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(run.child.pid!, "SIGTERM"); // npm's copy, handled only after the 2.5 s block
    expect(await run.closed, run.output()).toBe(0);
    expect(run.output()).toContain("stopped");
    expect(run.output()).not.toContain("exiting without waiting");
  });

  it("is one request when a second Ctrl-C comes within a second", async () => {
    const run = await startSignalFixture(0, 1_500);
    process.kill(-run.child.pid!, "SIGINT");
    await new Promise((resolve) => setTimeout(resolve, SAME_REQUEST_MS / 4));
    process.kill(run.child.pid!, "SIGINT");
    expect(await run.closed, run.output()).toBe(0);
    expect(run.output()).toContain("stopped");
  });

  it("exits at once on a Ctrl-C pressed again later", async () => {
    const run = await startSignalFixture(0, 10_000);
    process.kill(-run.child.pid!, "SIGINT");
    await new Promise((resolve) => setTimeout(resolve, SAME_REQUEST_MS + 500));
    process.kill(run.child.pid!, "SIGINT");
    expect(await run.closed, run.output()).toBe(1);
    expect(run.output()).toContain("SIGINT again: exiting without waiting");
    expect(run.output()).not.toContain("stopped");
  });
});
