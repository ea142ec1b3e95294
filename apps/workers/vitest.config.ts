import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // One throw-away PostgreSQL database per run (the booking role's hold expiry needs one).
    globalSetup: ["@marquee/db/testing/global-setup"],
    // Integration tests start real worker processes (tsx start-up is ~1 s each on 2 cores).
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Each test uses its own Redis key prefix and ports, so files run in parallel.
    pool: "forks",
  },
});
