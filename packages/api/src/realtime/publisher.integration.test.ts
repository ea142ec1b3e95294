import { randomUUID } from "node:crypto";
import { findFreePort } from "@marquee/dev/services/net";
import type { Channel } from "pusher-js";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestSoketi } from "../testing/soketi.ts";
import { createRealtimePublisher, type RealtimePublisher } from "./publisher.ts";

const soketi = useTestSoketi();
let publisher: RealtimePublisher;
beforeAll(() => {
  publisher = createRealtimePublisher(soketi.config);
});
const { connect, subscribed } = soketi;

const nextEvent = <T>(channel: Channel, event: string): Promise<T> => new Promise((resolve) => channel.bind(event, (data: T) => resolve(data)));

describe("createRealtimePublisher against Soketi", () => {
  it("delivers a triggered event to a pusher-js client on a public channel", async () => {
    const name = `event-${randomUUID()}`;
    const channel = connect().subscribe(name);
    await subscribed(channel);
    const received = nextEvent<{ ticketTypeId: string; available: number }>(channel, "availability.changed");

    await publisher.trigger(name, "availability.changed", { ticketTypeId: "tt-1", available: 41 });

    expect(await received).toEqual({ ticketTypeId: "tt-1", available: 41 });
  });

  it("delivers every event of a batch (more than one request's worth)", async () => {
    const names = [`queue-${randomUUID()}`, `queue-${randomUUID()}`];
    const client = connect();
    const channels = names.map((name) => client.subscribe(name));
    await Promise.all(channels.map(subscribed));
    const positions = channels.map((channel) => {
      const seen: number[] = [];
      return {
        seen,
        done: new Promise<void>((resolve) =>
          channel.bind("position", ({ position }: { position: number }) => (seen.push(position) === 6 ? resolve() : undefined)),
        ),
      };
    });

    // 12 events: the publisher splits them into requests of at most 10.
    await publisher.triggerBatch(Array.from({ length: 12 }, (_, index) => ({ channel: names[index % 2]!, event: "position", data: { position: index } })));

    await Promise.all(positions.map(({ done }) => done));
    expect(positions[0]!.seen).toEqual([0, 2, 4, 6, 8, 10]);
    expect(positions[1]!.seen).toEqual([1, 3, 5, 7, 9, 11]);
  });

  it("refuses a private channel subscription without a valid signature, accepts a signed one", async () => {
    const name = `private-order-${randomUUID()}`;
    // The client sends the subscription with a forged signature: Soketi itself must refuse it.
    const forged = connect({
      channelAuthorization: {
        transport: "ajax",
        endpoint: "",
        customHandler: (_params, callback) => callback(null, { auth: `${soketi.config.key}:${"0".repeat(64)}` }),
      },
    });
    const refusal = await subscribed(forged.subscribe(name)).then(
      () => undefined,
      (error: { detail?: { status?: number; type?: string } }) => error.detail,
    );
    expect(refusal).toMatchObject({ type: "AuthError", status: 401 });

    const signed = connect({
      channelAuthorization: {
        transport: "ajax",
        endpoint: "",
        customHandler: ({ socketId, channelName }, callback) => callback(null, publisher.authorizeChannel(socketId, channelName)),
      },
    });
    const channel = signed.subscribe(name);
    await subscribed(channel);
    const received = nextEvent<{ status: string }>(channel, "order.paid");
    await publisher.trigger(name, "order.paid", { status: "PAID" });
    expect(await received).toEqual({ status: "PAID" });
  });

  it("reports a publisher with the wrong secret as one error with the HTTP status", async () => {
    const wrong = createRealtimePublisher({ ...soketi.config, secret: "not-the-secret" });
    await expect(wrong.trigger(`event-${randomUUID()}`, "noop", {})).rejects.toMatchObject({ name: "RealtimePublishError", status: 401 });
  });

  it("names the cause when Soketi cannot be reached (nothing listens on the port)", async () => {
    const unreachable = createRealtimePublisher({ ...soketi.config, port: await findFreePort() });
    await expect(unreachable.trigger(`event-${randomUUID()}`, "noop", {})).rejects.toMatchObject({
      name: "RealtimePublishError",
      status: undefined,
      message: expect.stringMatching(/ECONNREFUSED/),
    });
  });
});
