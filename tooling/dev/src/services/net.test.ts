import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { bindAddress, canConnect, ephemeralPortRange, findFreePort, isLocalHost } from "./net.ts";

describe("isLocalHost", () => {
  it("accepts loopback names only", () => {
    for (const host of ["localhost", "127.0.0.1", "127.0.1.1", "::1", "[::1]"]) expect(isLocalHost(host), host).toBe(true);
    for (const host of ["db.example.com", "10.0.0.5", "postgres"]) expect(isLocalHost(host), host).toBe(false);
  });

  it("binds localhost to 127.0.0.1", () => {
    expect(bindAddress("localhost")).toBe("127.0.0.1");
    expect(bindAddress("[::1]")).toBe("::1");
  });
});

describe("findFreePort / canConnect", () => {
  it("finds a port nothing listens on, and sees a listener", async () => {
    const port = await findFreePort();
    expect(await canConnect("127.0.0.1", port)).toBe(false);
    const server = createServer().listen(port, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    expect(await canConnect("127.0.0.1", port)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
  });

  it("picks below the kernel's ephemeral range, where outgoing connections never take the port first", async () => {
    const [low] = ephemeralPortRange();
    for (let round = 0; round < 20; round++) expect(await findFreePort()).toBeLessThan(low);
  });

  it("reads the ephemeral range, with Linux's default when it cannot", () => {
    expect(ephemeralPortRange(() => "40000\t50000\n")).toEqual([40000, 50000]);
    expect(ephemeralPortRange(() => "nonsense")).toEqual([32768, 60999]);
    expect(
      ephemeralPortRange(() => {
        throw new Error("ENOENT");
      }),
    ).toEqual([32768, 60999]);
  });
});
