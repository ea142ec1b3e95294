import { describe, expect, it } from "vitest";
import { redisServerArgs } from "./redis.ts";

describe("redisServerArgs", () => {
  it("keeps nothing on disk for throwaway servers", () => {
    const args = redisServerArgs({ port: 6380, host: "127.0.0.1", persistence: "none", dir: "/tmp" });
    expect(args.join(" ")).toContain("--port 6380 --bind 127.0.0.1 --daemonize no --save  --dir /tmp --appendonly no");
    expect(args).toContain("noeviction");
    expect(args).not.toContain("--requirepass");
  });

  it("uses an append-only file and the URL's password when asked", () => {
    const args = redisServerArgs({ port: 6379, host: "127.0.0.1", persistence: "aof", dir: "/data", password: "s3cret" });
    expect(args.join(" ")).toContain("--appendonly yes");
    expect(args.slice(-2)).toEqual(["--requirepass", "s3cret"]);
  });
});
