import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError } from "@marquee/config/env";
import { repoRoot } from "../../paths.ts";
import { readStripeLocalEnv } from "./env.ts";

describe("readStripeLocalEnv", () => {
  it("defaults to the values of .env.example", () => {
    const example = parseEnv(readFileSync(join(repoRoot, ".env.example"), "utf8"));
    const env = readStripeLocalEnv({});
    expect(env.STRIPE_API_URL).toBe(example.STRIPE_API_URL);
    expect(env.STRIPE_WEBHOOK_SECRET).toBe(example.STRIPE_WEBHOOK_SECRET);
    expect(env.STRIPE_WEBHOOK_URL).toEqual([]);
  });

  it("splits STRIPE_WEBHOOK_URL on commas and rejects bad values with one line", () => {
    expect(readStripeLocalEnv({ STRIPE_WEBHOOK_URL: "http://a.test/h, http://b.test/h" }).STRIPE_WEBHOOK_URL).toEqual(["http://a.test/h", "http://b.test/h"]);
    expect(() => readStripeLocalEnv({ STRIPE_WEBHOOK_URL: "a.test/h" })).toThrow(ConfigError);
    expect(() => readStripeLocalEnv({ STRIPE_WEBHOOK_SECRET: "secret" })).toThrow(/STRIPE_WEBHOOK_SECRET must start with whsec_/);
    expect(() => readStripeLocalEnv({ STRIPE_API_URL: "https://api.stripe.com" })).toThrow(/STRIPE_API_URL/);
  });
});
