// `npm run bench:inbox-live [-- --quick] [--messages 1000] [--rounds 4]`: message-to-agent latency of
// the help inbox. Ours: a buyer's reply through the shop's tRPC caller (support.reply, committed
// with its outbox row) → the outbox relay (startOutboxRelay woken by NOTIFY, as the booking worker
// runs it) → Soketi → a pusher-js client subscribed to private-support-<organizationId>, signed by
// the console's realtime.authorize for a support agent. Baseline, in the same run on the same
// Soketi and client: publisher.trigger straight onto that channel → the client receives it (what
// Soketi alone costs). One message in flight at a time; warm-up, then rounds alternating baseline
// and ours (A B A B); p50/p95/p99/max over every sample and the ratio of ours to the baseline.
//
// Needs only PostgreSQL and Redis (DATABASE_URL, REDIS_URL; defaults on 127.0.0.1): the database
// is the run's own (dropped at the end), Soketi is started from node_modules on a free port with
// the run's own app, Redis keys live under the run's prefix (deleted at the end).
import { randomUUID } from "node:crypto";
import { createDb } from "@marquee/db";
import { createFactories, createTestDatabase, uniqueSuffix } from "@marquee/db/testing";
import { findFreePort } from "@marquee/dev/services/net";
import { findOrStartSoketi } from "@marquee/dev/services/soketi";
import { soketiConnectionOptions } from "@marquee/ui/realtime";
import { Redis } from "ioredis";
import Pusher from "pusher-js";
import { createContextInner } from "../../src/context.ts";
import { createQueueClient } from "../../src/jobs/queue-client.ts";
import { createRealtimePublisher } from "../../src/realtime/publisher.ts";
import { createAdminCaller, createWebCaller } from "../../src/root.ts";
import { listenForOutboxEvents } from "../../src/services/outbox/outbox-listener.ts";
import { startOutboxRelay } from "../../src/services/outbox/start-outbox-relay.ts";
import { agentsChannel } from "../../src/services/support-live/support-channels.ts";
import { loadSessionUser } from "../../src/session.ts";
import { benchEnv, isQuick } from "../lib/env.ts";
import { deferCleanup, median, numberOption, percentile, runBench, runCleanups } from "../lib/load.ts";

const args = process.argv.slice(2);
const quick = isQuick(args);
const messages = Math.max(200, numberOption(args, "messages", quick ? 200 : 1_000));
const rounds = Math.max(1, numberOption(args, "rounds", quick ? 2 : 4));
const WARM_UP = 20;
/** Replies per conversation: the load spreads over several conversations, as an inbox's does. */
const PER_CONVERSATION = 25;
const SOKETI_APP = { appId: "bench-inbox", key: "bench-inbox-key", secret: `bench-inbox-${randomUUID()}` };
const RECEIVE_TIMEOUT_MS = 10_000;

type TReceived = { supportMessageId?: string; probe?: string };

async function main() {
  const env = benchEnv();
  const database = await createTestDatabase(env.DATABASE_URL);
  deferCleanup(() => database.drop());
  const db = createDb(database.url, { max: 6 });
  deferCleanup(() => db.$disconnect());
  const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null });
  const redisPrefix = `marquee-bench-inbox-${uniqueSuffix()}`;
  deferCleanup(async () => {
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length) await redis.unlink(...keys);
    await redis.quit();
  });
  const queues = createQueueClient(redis, redisPrefix);
  deferCleanup(() => queues.close());
  const soketi = await findOrStartSoketi({ host: "127.0.0.1", port: await findFreePort(), ...SOKETI_APP });
  deferCleanup(() => soketi.stop());
  const connection = { host: "127.0.0.1", port: soketi.port, useTLS: false, ...SOKETI_APP };
  const realtime = createRealtimePublisher(connection);
  const relay = startOutboxRelay(
    { db, queues, realtime },
    { everyMs: 1_000, wake: listenForOutboxEvents(database.url), onError: (error) => console.error("relay:", error) },
  );
  deferCleanup(() => relay.stop());

  // An organisation, its support agent, and buyers' conversations opened the web site's way.
  const make = createFactories(db);
  const { organization, event } = await make.gaEvent();
  const agent = await make.member(organization.id, "SUPPORT_AGENT");
  const context = async (userId: string | null, supportToken?: string) =>
    createContextInner({
      db,
      redis,
      redisPrefix,
      queues,
      realtime,
      session: userId ? await loadSessionUser(db, { sub: userId, sessionVersion: 0 }) : null,
      request: supportToken ? { supportToken } : undefined,
    });
  const shop = createWebCaller(await context(null));
  const total = WARM_UP + messages;
  const conversations: { conversationId: string; caller: ReturnType<typeof createWebCaller> }[] = [];
  for (let index = 0; index * PER_CONVERSATION < total; index++) {
    const started = await shop.support.start({
      name: `Buyer ${index}`,
      email: `buyer${index}@example.test`,
      subject: `Question ${index}`,
      message: "Hello",
      eventId: event.id,
    });
    conversations.push({ conversationId: started.conversationId, caller: createWebCaller(await context(null, started.accessToken)) });
  }

  // The agent's client: pusher-js on the agents' channel, signed by the console's realtime.authorize.
  const console_ = createAdminCaller(await context(agent.id));
  const client = new Pusher(SOKETI_APP.key, {
    ...soketiConnectionOptions({ key: SOKETI_APP.key, host: "127.0.0.1", port: soketi.port, useTLS: false }),
    channelAuthorization: {
      endpoint: "",
      transport: "ajax",
      customHandler: ({ socketId, channelName }, callback) => {
        console_.realtime.authorize({ organizationId: organization.id, socket_id: socketId, channel_name: channelName }).then(
          (answer) => callback(null, answer),
          (error: unknown) => callback(error as Error, null),
        );
      },
    },
  });
  deferCleanup(async () => client.disconnect());
  const channel = client.subscribe(agentsChannel(organization.id));
  await new Promise<void>((resolve, reject) => {
    channel.bind("pusher:subscription_succeeded", () => resolve());
    channel.bind("pusher:subscription_error", (error: unknown) => reject(new Error(`subscription refused: ${JSON.stringify(error)}`)));
  });
  // Arrival time per message id (support message or probe); a waiter if it has not arrived yet.
  const arrivals = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  const arrived = (data: TReceived) => {
    const key = data.supportMessageId ?? data.probe;
    if (!key) return;
    const at = performance.now();
    const waiter = waiting.get(key);
    if (waiter) waiter(at);
    else arrivals.set(key, at);
  };
  channel.bind("support.message-added", arrived);
  channel.bind("bench.probe", arrived);
  const receipt = (key: string) => {
    const already = arrivals.get(key);
    if (already !== undefined) {
      arrivals.delete(key);
      return Promise.resolve(already);
    }
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no event for ${key} within ${RECEIVE_TIMEOUT_MS} ms`)), RECEIVE_TIMEOUT_MS);
      waiting.set(key, (at) => {
        clearTimeout(timer);
        waiting.delete(key);
        resolve(at);
      });
    });
  };
  // The opening messages' events went out while the client subscribed; let the relay drain them.
  while ((await relay.lag()).unsent > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  arrivals.clear();

  let sent = 0;
  /** Ours: send → received, and commit (the reply returned) → received. */
  const ours = async () => {
    const { conversationId, caller } = conversations[Math.floor(sent / PER_CONVERSATION)]!;
    sent += 1;
    const startedAt = performance.now();
    const reply = await caller.support.reply({ conversationId, message: `Reply ${sent}` });
    const committedAt = performance.now();
    const receivedAt = await receipt(reply.messageId);
    return { total: receivedAt - startedAt, afterCommit: Math.max(0, receivedAt - committedAt) };
  };
  const baseline = async () => {
    const probe = randomUUID();
    const received = receipt(probe);
    const startedAt = performance.now();
    await realtime.trigger(agentsChannel(organization.id), "bench.probe", { probe });
    return (await received) - startedAt;
  };

  for (let index = 0; index < WARM_UP; index++) {
    await baseline();
    await ours();
  }
  const baselineMs: number[] = [];
  const oursMs: number[] = [];
  const afterCommitMs: number[] = [];
  const perRound = Math.ceil(messages / rounds);
  const roundMedians: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const count = Math.min(perRound, messages - round * perRound);
    const roundBaseline: number[] = [];
    const roundOurs: number[] = [];
    for (let index = 0; index < count; index++) roundBaseline.push(await baseline());
    for (let index = 0; index < count; index++) {
      const sample = await ours();
      roundOurs.push(sample.total);
      afterCommitMs.push(sample.afterCommit);
    }
    baselineMs.push(...roundBaseline);
    oursMs.push(...roundOurs);
    roundMedians.push(`round ${round + 1}: baseline p50 ${median(roundBaseline).toFixed(2)} ms, ours p50 ${median(roundOurs).toFixed(2)} ms (${count} each)`);
  }

  const figures = (samples: number[]) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), max: sorted.at(-1)! };
  };
  const row = (name: string, samples: number[]) => {
    const f = figures(samples);
    return `${name.padEnd(34)} ${String(samples.length).padStart(5)}  ${[f.p50, f.p95, f.p99, f.max].map((value) => value.toFixed(2).padStart(8)).join(" ")}`;
  };
  const a = figures(baselineMs);
  const b = figures(oursMs);
  console.info(`\nbench:inbox-live: ${messages} messages each, ${rounds} round(s) after ${WARM_UP} warm-up messages${quick ? " (--quick)" : ""}`);
  for (const line of roundMedians) console.info(`  ${line}`);
  console.info(`\n${"path".padEnd(34)} ${"n".padStart(5)}  ${["p50", "p95", "p99", "max"].map((name) => `${name} ms`.padStart(8)).join(" ")}`);
  console.info(row("baseline: trigger → client", baselineMs));
  console.info(row("ours: support.reply → agent", oursMs));
  console.info(row("ours: commit → agent", afterCommitMs));
  console.info(`\nratio ours / baseline: p50 ${(b.p50 / a.p50).toFixed(1)}x, p95 ${(b.p95 / a.p95).toFixed(1)}x, p99 ${(b.p99 / a.p99).toFixed(1)}x`);
  console.info(`relay: ${JSON.stringify(relay.stats())}`);
}

runBench(main, runCleanups);
