import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findFreePort, httpStatus } from "./net.ts";
import { findOrStartSoketi, soketiEntry } from "./soketi.ts";

describe("findOrStartSoketi", () => {
  it("starts node_modules' Soketi on an unused port, finds it running, and stops it", async () => {
    const port = await findFreePort();
    const options = { host: "127.0.0.1", port, appId: "test-app", key: "test-key", secret: "test-secret" };
    const started = await findOrStartSoketi(options);
    try {
      expect(started).toMatchObject({ startedByUs: true, url: `http://127.0.0.1:${port}` });
      // The HTTP API knows our app: an unsigned request is refused (401), an unknown app is not
      // found (404). Soketi puts these codes in the JSON body.
      const apiCode = async (appId: string) => ((await (await fetch(`${started.url}/apps/${appId}/channels`)).json()) as { code?: number }).code;
      expect(await apiCode("test-app")).toBe(401);
      expect(await apiCode("another-app")).toBe(404);
      const found = await findOrStartSoketi(options);
      expect(found.startedByUs).toBe(false);
    } finally {
      await started.stop();
    }
    expect(await httpStatus(`http://127.0.0.1:${port}/`)).toBeNull();
  });
});

describe("soketiEntry", () => {
  it("names the soketi script a bench runs under its own node flags (e.g. --cpu-prof)", () => {
    expect(soketiEntry()).toMatch(/@soketi\/soketi\/bin\/server\.js$/);
    expect(existsSync(soketiEntry())).toBe(true);
  });
});
