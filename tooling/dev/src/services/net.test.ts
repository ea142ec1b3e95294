import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { bindAddress, canConnect, findFreePort, isLocalHost } from "./net.ts";

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
});
