import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Unit tests of the launcher's own logic (generated configs); the topology itself runs through `npm run scale:onsale`.
    include: ["src/**/*.test.ts"],
  },
});
