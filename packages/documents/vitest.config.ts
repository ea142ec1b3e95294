import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The first react-pdf render loads fonts and layout code; give it room on 2 cores.
    testTimeout: 30_000,
  },
});
