import { createSerwistRoute } from "@serwist/turbopack";
import { randomUUID } from "node:crypto";

// Serves the bundled service worker (/serwist/sw.js) built at `next build` by @serwist/turbopack.
// The /scan page is precached with a revision per build, so each deploy refreshes it.
const revision = randomUUID();

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "src/app/sw.ts",
  useNativeEsbuild: true,
  additionalPrecacheEntries: [
    { url: "/scan", revision },
    { url: "/manifest.webmanifest", revision },
  ],
});
