import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findFreePort, httpStatus } from "./net.ts";
import { findOrStartSoketi, soketiDir, soketiEntry, soketiStockEntry } from "./soketi.ts";

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
  it("names the scripts a bench runs under its own node flags (e.g. --cpu-prof): Marquee's launcher, and stock Soketi's CLI", () => {
    expect(soketiEntry()).toMatch(/tooling\/dev\/soketi\/marquee-soketi\.cjs$/);
    expect(soketiStockEntry()).toMatch(/@soketi\/soketi\/bin\/server\.js$/);
    expect(existsSync(soketiEntry())).toBe(true);
    expect(existsSync(soketiStockEntry())).toBe(true);
  });
});

describe("marquee-soketi.cjs", () => {
  const require = createRequire(import.meta.url);
  const { patchSoketi, SOKETI_VERSION } = require("../../soketi/marquee-soketi.cjs") as { patchSoketi(root: string): void; SOKETI_VERSION: string };

  it("refuses a Soketi other than the version its patches were written for", () => {
    const root = mkdtempSync(join(tmpdir(), "marquee-soketi-"));
    try {
      writeFileSync(join(root, "package.json"), JSON.stringify({ name: "@soketi/soketi", version: "1.7.0" }));
      expect(() => patchSoketi(root)).toThrow(`marquee-soketi patches Soketi ${SOKETI_VERSION}; found 1.7.0`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("patches node_modules' Soketi once, however often it is asked", () => {
    const { LocalAdapter } = require(join(soketiDir(), "dist", "adapters", "local-adapter.js")) as { LocalAdapter: { prototype: { send: unknown } } };
    patchSoketi(soketiDir());
    const patched = LocalAdapter.prototype.send;
    patchSoketi(soketiDir());
    expect(LocalAdapter.prototype.send).toBe(patched);
    expect(String(patched)).toContain("publish(topic, frame");
  });
});
