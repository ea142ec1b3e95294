import { randomUUID } from "node:crypto";
import Pusher from "pusher";
import type { Channel } from "pusher-js";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestSoketi } from "../testing/soketi.ts";
import { createRealtimePublisher, type RealtimePublisher } from "./publisher.ts";

// Soketi runs with Marquee's fan-out (tooling/dev/soketi/marquee-soketi.cjs): one serialisation
// and a native uWebSockets topic publish per message, channel counts from the channel's set. These
// tests hold it to stock Soketi's behaviour: who receives a message, how often, and the counts.
const soketi = useTestSoketi();
let publisher: RealtimePublisher;
let api: Pusher;
beforeAll(() => {
  publisher = createRealtimePublisher(soketi.config);
  const { appId, key, secret, host, port } = soketi.config;
  api = new Pusher({ appId, key, secret, host, port: String(port), useTLS: false });
});
const { connect, subscribed } = soketi;

/** Polls until check() holds (vi.waitFor retries what throws). */
const waitFor = (check: () => boolean | Promise<boolean>) =>
  vi.waitFor(
    async () => {
      if (!(await check())) throw new Error("not yet");
    },
    { timeout: 10_000, interval: 20 },
  );

/** Every `event` a channel receives, in order. */
function record(channel: Channel, event: string): unknown[] {
  const seen: unknown[] = [];
  channel.bind(event, (data: unknown) => seen.push(data));
  return seen;
}

async function subscriptionCount(channel: string): Promise<number> {
  const response = await api.get({ path: `/channels/${channel}`, params: { info: "subscription_count" } });
  return ((await response.json()) as { subscription_count: number }).subscription_count;
}

const signedConnect = () =>
  connect({
    channelAuthorization: {
      transport: "ajax",
      endpoint: "",
      customHandler: ({ socketId, channelName }, callback) => callback(null, publisher.authorizeChannel(socketId, channelName)),
    },
  });

describe("Soketi with Marquee's fan-out", () => {
  it("delivers each message once to every subscriber of its channel, in order, and to no other channel", async () => {
    const [a, b] = [`event-${randomUUID()}`, `event-${randomUUID()}`];
    const onA = await Promise.all([0, 1, 2].map(async () => connect().subscribe(a)));
    const onB = connect().subscribe(b);
    const both = connect();
    const bothA = both.subscribe(a);
    const bothB = both.subscribe(b);
    await Promise.all([...onA, onB, bothA, bothB].map(subscribed));
    const seenA = [...onA, bothA].map((channel) => record(channel, "availability"));
    const seenB = [onB, bothB].map((channel) => record(channel, "availability"));

    for (let seq = 0; seq < 5; seq++) await publisher.trigger(a, "availability", { seq });
    await publisher.trigger(b, "availability", { seq: "b" });

    // B's message left after A's; on one socket it cannot overtake them. So once B's has arrived,
    // anything of A's that B's subscribers were sent would have arrived before it.
    await waitFor(() => seenB.every((seen) => seen.length === 1) && seenA.every((seen) => seen.length === 5));
    for (const seen of seenA) expect(seen).toEqual([0, 1, 2, 3, 4].map((seq) => ({ seq })));
    for (const seen of seenB) expect(seen).toEqual([{ seq: "b" }]);
    expect(await subscriptionCount(a)).toBe(4);
    expect(await subscriptionCount(b)).toBe(2);
  });

  it("stops sending to a client that unsubscribed or disconnected, and counts the channel's subscribers", async () => {
    const [channel, marker] = [`event-${randomUUID()}`, `event-${randomUUID()}`];
    const [stays, leaves, closes] = [connect(), connect(), connect()];
    const subscriptions = [stays, leaves, closes].map((client) => client.subscribe(channel));
    const leavesMarker = leaves.subscribe(marker);
    await Promise.all([...subscriptions, leavesMarker].map(subscribed));
    expect(await subscriptionCount(channel)).toBe(3);
    const seenStays = record(subscriptions[0]!, "availability");
    // Every frame the leaving client's socket receives: pusher-js itself drops the events of a
    // channel it left, so only the socket shows whether the server still sent them.
    const framesToLeaves: { channel?: string; event: string }[] = [];
    leaves.connection.bind("message", (frame: { channel?: string; event: string }) => framesToLeaves.push(frame));
    const markers = record(leavesMarker, "marker");

    leaves.unsubscribe(channel);
    closes.disconnect();
    await waitFor(async () => (await subscriptionCount(channel)) === 1);
    await publisher.trigger(channel, "availability", { seq: 1 });
    await publisher.trigger(marker, "marker", {});

    await waitFor(() => seenStays.length === 1 && markers.length === 1);
    expect(seenStays).toEqual([{ seq: 1 }]);
    expect(framesToLeaves.filter((frame) => frame.channel === channel && !frame.event.startsWith("pusher"))).toEqual([]);
    // Subscribing again joins the channel again.
    const again = leaves.subscribe(channel);
    await subscribed(again);
    const seenAgain = record(again, "availability");
    expect(await subscriptionCount(channel)).toBe(2);
    await publisher.trigger(channel, "availability", { seq: 2 });
    await waitFor(() => seenAgain.length === 1 && seenStays.length === 2);
  });

  it("sends a client event to the channel's other subscribers once, never back to its sender", async () => {
    const channel = `private-order-${randomUUID()}`;
    const [sender, other, third] = [signedConnect(), signedConnect(), signedConnect()];
    const subscriptions = [sender, other, third].map((client) => client.subscribe(channel));
    await Promise.all(subscriptions.map(subscribed));
    const typing = subscriptions.map((subscription) => record(subscription, "client-typing"));
    const markers = subscriptions.map((subscription) => record(subscription, "marker"));

    expect(subscriptions[0]!.trigger("client-typing", { typing: true })).toBe(true);
    // The server's marker leaves after the client event reached Soketi (the others see it first).
    await waitFor(() => typing[1]!.length === 1 && typing[2]!.length === 1);
    await publisher.trigger(channel, "marker", {});
    await waitFor(() => markers.every((seen) => seen.length === 1));
    expect(typing).toEqual([[], [{ typing: true }], [{ typing: true }]]);
  });
});
