import { describe, expect, it } from "vitest";
import { ConfigError } from "@marquee/config/env";
import { parseStartArgs } from "./cli.ts";

describe("parseStartArgs", () => {
  it("builds by default and reuses builds with --no-build", () => {
    expect(parseStartArgs([])).toEqual({ build: "always" });
    expect(parseStartArgs(["--no-build"])).toEqual({ build: "if-missing" });
  });

  it("rejects unknown options in one line", () => {
    expect(() => parseStartArgs(["--nobuild"])).toThrow(ConfigError);
  });
});
