import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { queuePrefix } from "../jobs/contract.ts";
import { inventoryKeys } from "../services/booking/inventory-keys.ts";
import { queueKeys } from "../services/queue/queue-keys.ts";
import { createRedisClient, isCluster, parseClusterNodes } from "./redis-client.ts";
import { assertOneSlot } from "./redis-scripts.ts";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

describe("Redis Cluster readiness", () => {
  it("reads REDIS_CLUSTER_NODES as a list and makes a cluster client only when it has nodes", async () => {
    expect(parseClusterNodes(" redis://a:7000, redis://b:7001 ,,")).toEqual(["redis://a:7000", "redis://b:7001"]);
    expect(parseClusterNodes(undefined)).toEqual([]);
    const single = createRedisClient({ url: "redis://127.0.0.1:6379", clusterNodes: [] }, { lazyConnect: true });
    const cluster = createRedisClient({ url: "redis://127.0.0.1:6379", clusterNodes: ["redis://127.0.0.1:7000"] }, { lazyConnect: true });
    expect(isCluster(single)).toBe(false);
    expect(isCluster(cluster)).toBe(true);
    single.disconnect();
    cluster.disconnect();
  });

  it("keeps an event's inventory and waiting-room keys in one slot, and refuses script keys of two slots", () => {
    const inventory = inventoryKeys("marquee", "e1");
    const queue = queueKeys("marquee", "e1");
    expect(() => assertOneSlot([inventory.ga, inventory.seats, inventory.hold("h1"), queue.waiting, queue.using("t1")])).not.toThrow();
    expect(() => assertOneSlot([inventory.ga, inventoryKeys("marquee", "e2").ga])).toThrow(/CROSSSLOT/);
    expect(() => assertOneSlot(["marquee:analytics:counters", "marquee:analytics:inbox"])).toThrow(/CROSSSLOT/);
  });

  it("gives each BullMQ queue its own hash tag", () => {
    expect(queuePrefix("marquee", "marquee.booking")).toBe("marquee:{marquee.booking}");
    expect(() =>
      assertOneSlot([`${queuePrefix("marquee", "marquee.booking")}:marquee.booking:wait`, `${queuePrefix("marquee", "marquee.booking")}:marquee.booking:meta`]),
    ).not.toThrow();
  });

  it("no product code walks the keyspace (KEYS, SCAN, FLUSH*): in a cluster that is one node's keys, and slow everywhere", () => {
    const roots = ["packages/api/src", "apps/workers/src", "apps/web/src", "apps/admin/src", "apps/checkin-pwa/src"].map((dir) => join(repoRoot, dir));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!["testing", "node_modules", "generated"].includes(entry.name)) walk(path);
        } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|test-kit\.ts$/.test(entry.name)) {
          readFileSync(path, "utf8")
            .split("\n")
            .forEach((line, index) => {
              if (/redis\w*\)?\.(keys|scan|scanStream|flushdb|flushall)\(|\.call\(\s*["'](KEYS|SCAN|FLUSHDB|FLUSHALL)["']/i.test(line))
                offenders.push(`${relative(repoRoot, path)}:${index + 1}`);
            });
        }
      }
    };
    roots.forEach(walk);
    expect(offenders).toEqual([]);
  });
});
