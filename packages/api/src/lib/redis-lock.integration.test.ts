// The Redis lock and the script helper against the real Redis (or cluster), under a key prefix of their own.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectTestRedis, deleteKeysWithPrefix } from "../testing/test-redis.ts";
import { duplicateClient, type RedisClient } from "./redis-client.ts";
import { claimRedisWindow, rebuildUnderLock, withRedisLock } from "./redis-lock.ts";
import { redisScript } from "./redis-scripts.ts";

let redis: RedisClient;
const prefix = `marquee-test-lock-${randomUUID().slice(0, 8)}`;
/** Keys of one test share a hash tag, as a script's keys must (one cluster slot). */
const tag = randomUUID();
const key = (name: string) => `${prefix}:{${tag}}:${name}:${randomUUID()}`;

beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A promise with its resolve, to hold a lock holder inside its critical section. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("withRedisLock", () => {
  it("lets one of two contenders in; the other is refused, or waits for the release", async () => {
    const lock = key("contend");
    const hold = gate();
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside += 1;
      most = Math.max(most, inside);
      await hold.opened;
      inside -= 1;
      return "done";
    };
    const first = withRedisLock(redis, lock, 10_000, work);
    await until(async () => inside === 1);
    // Without waiting: refused at once while the first holds the lock.
    expect(await withRedisLock(redis, lock, 10_000, work)).toEqual({ acquired: false });
    // Waiting: gets in once the first releases, never alongside it.
    const second = withRedisLock(redis, lock, 10_000, work, { waitMs: 5_000, retryEveryMs: 10 });
    hold.open();
    expect(await first).toEqual({ acquired: true, value: "done" });
    expect(await second).toEqual({ acquired: true, value: "done" });
    expect(most).toBe(1);
    expect(await redis.exists(lock)).toBe(0);
  });

  it("gives up after waitMs while someone else holds it", async () => {
    const lock = key("busy");
    await redis.set(lock, "someone-else", "PX", 10_000);
    const startedAt = Date.now();
    expect(await withRedisLock(redis, lock, 1_000, async () => "never", { waitMs: 150, retryEveryMs: 20 })).toEqual({ acquired: false });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
    expect(await redis.get(lock)).toBe("someone-else");
  });

  it("expires after its TTL, and the late holder's release leaves the next owner's lock alone", async () => {
    const lock = key("expire");
    const slow = gate();
    let started = false;
    const late = withRedisLock(redis, lock, 100, async () => {
      started = true;
      await slow.opened;
      return "late";
    });
    await until(async () => started);
    await until(async () => (await redis.exists(lock)) === 0);
    // The TTL ran out while the first holder still works: a second one gets the lock.
    const next = gate();
    let nextToken: string | null = null;
    const second = withRedisLock(redis, lock, 10_000, async () => {
      nextToken = await redis.get(lock);
      await next.opened;
    });
    await until(async () => nextToken !== null);
    slow.open();
    expect(await late).toEqual({ acquired: true, value: "late" });
    // Only the owner releases: the late holder's compare-and-delete did not touch it.
    expect(await redis.get(lock)).toBe(nextToken);
    next.open();
    await second;
    expect(await redis.exists(lock)).toBe(0);
  });

  it("releases the lock when the work throws, and passes the error on", async () => {
    const lock = key("throw");
    await expect(withRedisLock(redis, lock, 10_000, () => Promise.reject(new Error("work failed")))).rejects.toThrow("work failed");
    expect(await redis.exists(lock)).toBe(0);
  });
});

describe("rebuildUnderLock", () => {
  it("rebuilds once for five concurrent callers; the others wait for the ready marker", async () => {
    const ready = key("ready");
    const lockKey = key("rebuild-lock");
    let rebuilds = 0;
    const rebuild = async () => {
      rebuilds += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      await redis.set(ready, "1");
    };
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => rebuildUnderLock(redis, { readyKey: ready, lockKey, ttlMs: 5_000, waitMs: 5_000, retryEveryMs: 10 }, rebuild)),
    );
    expect(rebuilds).toBe(1);
    expect(outcomes.filter((outcome) => outcome === "rebuilt")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "ready")).toHaveLength(4);
    expect(await rebuildUnderLock(redis, { readyKey: ready, lockKey, ttlMs: 5_000, waitMs: 0 }, rebuild)).toBe("ready");
  });

  it("answers busy when another process holds the lock and the marker never comes", async () => {
    const lockKey = key("rebuild-lock");
    await redis.set(lockKey, "someone-else", "PX", 10_000);
    expect(await rebuildUnderLock(redis, { readyKey: key("ready"), lockKey, ttlMs: 5_000, waitMs: 100, retryEveryMs: 10 }, async () => {})).toBe("busy");
  });
});

describe("claimRedisWindow", () => {
  it("is won by one caller per window", async () => {
    const window = key("window");
    const wins = await Promise.all(Array.from({ length: 10 }, () => claimRedisWindow(redis, window, 100)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    await until(async () => (await redis.exists(window)) === 0);
    expect(await claimRedisWindow(redis, window, 10_000, "token")).toBe(true);
    expect(await redis.get(window)).toBe("token");
  });
});

describe("redisScript", () => {
  it("runs a script Redis has never seen, on several clients, with its own key count per call", async () => {
    const script = redisScript<(string | number)[]>(`-- ${randomUUID()}\nreturn {#KEYS, ARGV[1]}`);
    // A source no one has loaded: the first EVALSHA answers NOSCRIPT and the script goes as EVAL.
    expect(await script(redis, [key("a")], ["x"])).toEqual([1, "x"]);
    expect(await script(redis, [key("a"), key("b")], ["y"])).toEqual([2, "y"]);
    // Keys of two slots are refused before they reach Redis (a cluster would answer CROSSSLOT).
    await expect(script(redis, [key("a"), `${prefix}:{other}:b`], ["y"])).rejects.toThrow(/CROSSSLOT/);
    const other = duplicateClient(redis);
    try {
      expect(await script(other, [], ["z"])).toEqual([0, "z"]);
    } finally {
      other.disconnect();
    }
  });

  it("rides in an auto-pipeline with other commands of the same tick, first use included", async () => {
    const piped = connectTestRedis({ enableAutoPipelining: true });
    try {
      const script = redisScript<string>(`-- ${randomUUID()}\nreturn ARGV[1]`);
      const name = key("piped");
      expect(await Promise.all([piped.set(name, "1"), script(piped, [name], ["a"]), script(piped, [name], ["b"]), piped.get(name)])).toEqual([
        "OK",
        "a",
        "b",
        "1",
      ]);
      expect(await Promise.all([script(piped, [name], ["c"]), piped.incr(name)])).toEqual(["c", 2]);
      expect(piped.autoPipelineQueueSize).toBe(0);
    } finally {
      piped.disconnect();
    }
  });
});
