import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The first strict-field check compiles the models' declarations with TypeScript (a few seconds).
    testTimeout: 60_000,
  },
});
