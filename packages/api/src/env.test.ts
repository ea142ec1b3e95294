import { ConfigError } from "@marquee/config/env";
import { describe, expect, it } from "vitest";
import { readApiEnv } from "./env.ts";

describe("API configuration", () => {
  it("has working local defaults outside production", () => {
    expect(readApiEnv({ NODE_ENV: "development" })).toMatchObject({ REDIS_PREFIX: "marquee", WEB_URL: "http://localhost:3000" });
  });

  it("requires the auth secret in production, in one line naming it", () => {
    expect(() => readApiEnv({ NODE_ENV: "production" })).toThrowError(
      new ConfigError("Invalid configuration: AUTH_SECRET is required but not set (production mode has no default)"),
    );
  });

  it.each([
    ["DATABASE_URL", "mysql://localhost/marquee"],
    ["REDIS_URL", "not a url"],
    ["ADMIN_URL", "ftp://example.test"],
  ])("names %s when it is malformed", (name, value) => {
    expect(() => readApiEnv({ [name]: value })).toThrowError(new RegExp(`^Invalid configuration: ${name} must be a URL`));
  });
});
