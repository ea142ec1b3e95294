import { runNextEdgeServer } from "@marquee/api/http/next-edge-server";
import next from "next";

// `npm start`: Next's production server behind the edge server, which writes X-Forwarded-For
// from the socket (trusted only from TRUSTED_PROXIES), so rate limits see the real client.
await runNextEdgeServer(next({ dir: import.meta.dirname, dev: false }), { name: "web", defaultPort: 3000 });
