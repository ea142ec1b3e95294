import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Without promtool the suite installs Debian's prometheus package first (as root): minutes.
    hookTimeout: 600_000,
    testTimeout: 60_000,
  },
});
