import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Unit tests of the suite's own logic; the suite itself runs through `npm run test:security`.
    include: ["src/**/*.test.ts"],
  },
});
