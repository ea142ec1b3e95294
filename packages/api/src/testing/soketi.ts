import { findFreePort } from "@marquee/dev/services/net";
import { findOrStartSoketi, type SoketiHandle } from "@marquee/dev/services/soketi";
import Pusher, { type Channel, type Options } from "pusher-js";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { RealtimeConfig } from "../realtime/publisher.ts";

export interface TestSoketi {
  /** Connection settings of this file's own Soketi (set in beforeAll). */
  config: RealtimeConfig;
  /** A pusher-js client on it, disconnected after each test. */
  connect(options?: Partial<Options>): Pusher;
  /** Resolves once the subscription succeeded; rejects with the server's error if it was refused. */
  subscribed(channel: Channel): Promise<void>;
}

/** A Soketi of the test file's own on a free port, with its own app credentials. */
export function useTestSoketi(): TestSoketi {
  let soketi: SoketiHandle | undefined;
  const clients: Pusher[] = [];
  const harness: TestSoketi = {
    config: undefined as unknown as RealtimeConfig,
    connect(options = {}) {
      const { config } = harness;
      const client = new Pusher(config.key, {
        cluster: "local",
        wsHost: config.host,
        wsPort: config.port,
        forceTLS: false,
        enabledTransports: ["ws"],
        disableStats: true,
        ...options,
      });
      clients.push(client);
      return client;
    },
    subscribed(channel) {
      return new Promise((resolve, reject) => {
        channel.bind("pusher:subscription_succeeded", () => resolve());
        channel.bind("pusher:subscription_error", (error: unknown) => reject(Object.assign(new Error("subscription refused"), { detail: error })));
      });
    },
  };
  beforeAll(async () => {
    harness.config = {
      host: "127.0.0.1",
      port: await findFreePort(),
      appId: "marquee-test",
      key: "marquee-test-key",
      secret: "marquee-test-secret",
      useTLS: false,
    };
    soketi = await findOrStartSoketi({ ...harness.config });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });
  afterAll(() => soketi?.stop());
  return harness;
}
