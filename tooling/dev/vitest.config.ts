import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Integration tests start real servers (PostgreSQL, Redis, Soketi) on free ports.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
