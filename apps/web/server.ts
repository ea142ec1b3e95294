import { runNextEdgeServer } from "@marquee/api/http/next-edge-server";
import { createEdgeRestHandler } from "@marquee/api/http/next-rest-handler";
import { listenForSiteChanges } from "@marquee/api/services/event/site-changes";
import next from "next";
import { createPageCache } from "./src/lib/page-cache.ts";

// `npm start`: Next's production server behind the edge server, which writes X-Forwarded-For
// from the socket (trusted only from TRUSTED_PROXIES), so rate limits see the real client. It
// answers /api/v1 itself (the same REST handler as the route, on node:http). Anonymous loads of the
// listing, event pages and searches are answered from the shared page copy (src/lib/page-cache.ts)
// without entering Next; a console change drops the copies at once.
const app = next({ dir: import.meta.dirname, dev: false });
let pages: ReturnType<typeof createPageCache> | null = null;
const listener = listenForSiteChanges({
  onChange: () => pages?.clear(),
  onError: (error) => console.warn(`web: listening for site changes failed (${(error as Error).message}); retrying`),
});
await runNextEdgeServer(
  {
    prepare: () => app.prepare(),
    getRequestHandler: () => (pages = createPageCache(app.getRequestHandler())).handle,
    close: async () => {
      await listener.close();
      await app.close();
    },
  },
  { name: "web", defaultPort: 3000, rest: createEdgeRestHandler() },
);
