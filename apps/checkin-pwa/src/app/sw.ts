import { defaultCache } from "@serwist/turbopack/worker";
import { type PrecacheEntry, type SerwistGlobalConfig, NetworkOnly, Serwist } from "serwist";

// The scanner's service worker (bundled by @serwist/turbopack, served at /serwist/sw.js): the app
// shell (the /scan page, its JS and CSS, icons, manifest) is precached at install, so a cold start
// with no network opens the scanner. API calls are never answered from a cache: a stale sync
// answer would make the phone believe it is up to date.

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { ignoreURLParametersMatching: [/.*/] },
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [{ matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/api/"), handler: new NetworkOnly() }, ...defaultCache],
  fallbacks: { entries: [{ url: "/scan", matcher: ({ request }) => request.destination === "document" }] },
});

serwist.addEventListeners();
