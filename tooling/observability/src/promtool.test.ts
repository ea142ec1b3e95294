import { ConfigError } from "@marquee/config/env";
import { describe, expect, it } from "vitest";
import { ensurePromtool } from "./promtool.ts";

const missing = "/nonexistent/promtool";

describe("ensurePromtool", () => {
  it("tells a non-root user in one line how to get it", async () => {
    const attempt = ensurePromtool({ path: missing, root: false, log: () => {} });
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(ensurePromtool({ path: missing, root: false, log: () => {} })).rejects.toThrow(
      "promtool is missing (/nonexistent/promtool): install it with `sudo apt-get install -y prometheus`",
    );
  });

  it("installs Debian's prometheus package as root", async () => {
    const commands: string[] = [];
    const attempt = ensurePromtool({
      path: missing,
      root: true,
      log: () => {},
      run: async (command, args) => (commands.push([command, ...args].join(" ")), 0),
    });
    // The commands "succeed" but the binary still is not there: that is reported too.
    await expect(attempt).rejects.toThrow(/^Installing promtool failed/);
    expect(commands).toEqual(["apt-get update", "apt-get install -y prometheus"]);
  });
});
