import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { findExecutable } from "./executables.ts";
import { findFreePort } from "./net.ts";
import { findOrStartRedis, probeRedis } from "./redis.ts";

const hasRedisServer = findExecutable("redis-server", ["/usr/bin", "/usr/local/bin", "/usr/sbin"]) !== undefined;

describe.skipIf(!hasRedisServer)("findOrStartRedis", () => {
  it("starts redis-server on an unused port, finds it running, and stops it", async () => {
    const redisUrl = `redis://127.0.0.1:${await findFreePort()}`;
    expect((await probeRedis(redisUrl)).state).toBe("down");

    const started = await findOrStartRedis({ redisUrl, persistence: "none" });
    try {
      expect(started.startedByUs).toBe(true);
      const client = new Redis(redisUrl);
      expect(await client.set("marquee:test", "1")).toBe("OK");
      expect(await client.config("GET", "maxmemory-policy")).toEqual(["maxmemory-policy", "noeviction"]);
      client.disconnect();

      const found = await findOrStartRedis({ redisUrl });
      expect(found.startedByUs).toBe(false);
      await found.stop(); // a no-op: it belongs to someone else
      expect((await probeRedis(redisUrl)).state).toBe("up");
    } finally {
      await started.stop();
    }
    expect((await probeRedis(redisUrl)).state).toBe("down");
  });

  it("says in one line what to do when a remote Redis does not answer", async () => {
    await expect(findOrStartRedis({ redisUrl: "redis://192.0.2.1:6379" })).rejects.toThrow(/^Redis at 192\.0\.2\.1:6379 does not answer/);
  });
});
