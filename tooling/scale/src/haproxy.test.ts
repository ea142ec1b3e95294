import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { haproxyConfig } from "./haproxy.ts";
import { pgbouncerIni } from "./postgres-pair.ts";

const config = haproxyConfig({
  httpPort: 20001,
  wsPort: 20002,
  web: [{ name: "web1", port: 20003 }],
  api: [
    { name: "api1", port: 20004 },
    { name: "api2", port: 20005 },
  ],
  soketi: [{ name: "soketi1", port: 20006 }],
  grpc: [{ role: "invoice", port: 20007, servers: [{ name: "invoice1", port: 20008 }] }],
  statsSocket: "/tmp/haproxy-test.sock",
});

describe("haproxyConfig", () => {
  it("routes /api/* to the API servers with /healthz checks and forwards the client address", () => {
    expect(config).toMatch(/frontend http[\s\S]*option forwardfor[\s\S]*use_backend api if is_api/);
    expect(config).toMatch(
      /backend api[\s\S]*option httpchk GET \/healthz[\s\S]*server api1 127\.0\.0\.1:20004 check\n {2}server api2 127\.0\.0\.1:20005 check/,
    );
    expect(config).toMatch(/listen grpc-invoice\n {2}mode tcp\n {2}bind 127\.0\.0\.1:20007/);
  });

  it.skipIf(!existsSync("/usr/sbin/haproxy"))("is accepted by HAProxy (haproxy -c)", () => {
    const dir = mkdtempSync(join(tmpdir(), "marquee-scale-test-"));
    try {
      writeFileSync(join(dir, "haproxy.cfg"), config);
      expect(execFileSync("/usr/sbin/haproxy", ["-c", "-f", join(dir, "haproxy.cfg")], { encoding: "utf8" })).toContain("Configuration file is valid");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("pgbouncerIni", () => {
  it("pools in transaction mode with the primary and the standby as two databases", () => {
    const ini = pgbouncerIni({ port: 6432, primaryPort: 5500, standbyPort: 5501, authFile: "/x/userlist.txt" });
    expect(ini).toContain("pool_mode = transaction");
    expect(ini).toContain("marquee = host=127.0.0.1 port=5500 dbname=marquee");
    expect(ini).toContain("marquee_replica = host=127.0.0.1 port=5501 dbname=marquee");
  });
});
