import { describe, expect, it } from "vitest";
import { ConfigError } from "@marquee/config/env";
import { ensureChromium } from "./chromium.ts";

const missing = "/nonexistent/chromium";

describe("ensureChromium", () => {
  it("does nothing when Chromium is there", async () => {
    const commands: string[] = [];
    await ensureChromium({ path: process.execPath, root: true, log: () => {}, run: async (command, args) => commands.push([command, ...args].join(" ")) });
    expect(commands).toEqual([]);
  });

  it("tells a non-root user in one line how to get it", async () => {
    await expect(ensureChromium({ path: missing, root: false, log: () => {} })).rejects.toThrow(ConfigError);
    await expect(ensureChromium({ path: missing, root: false, log: () => {} })).rejects.toThrow(
      /^Chromium is missing \(\/nonexistent\/chromium\): install it with `sudo apt-get install -y chromium`/,
    );
  });

  it("runs apt-get update, then install, as root and says so", async () => {
    const commands: string[] = [];
    const lines: string[] = [];
    const attempt = ensureChromium({
      path: missing,
      root: true,
      log: (line) => lines.push(line),
      run: async (command, args) => (commands.push([command, ...args].join(" ")), 0),
    });
    // The commands "succeed" but the binary still is not there: that is reported too.
    await expect(attempt).rejects.toThrow(/^Installing Chromium failed/);
    expect(commands).toEqual(["apt-get update", "apt-get install -y chromium"]);
    expect(lines).toEqual(["Chromium is missing: running `apt-get update && apt-get install -y chromium`"]);
  });

  it("stops after a failed apt-get update", async () => {
    const commands: string[] = [];
    const attempt = ensureChromium({
      path: missing,
      root: true,
      log: () => {},
      run: async (command, args) => (commands.push([command, ...args].join(" ")), 100),
    });
    await expect(attempt).rejects.toThrow("apt-get exited with 100");
    expect(commands).toEqual(["apt-get update"]);
  });
});
