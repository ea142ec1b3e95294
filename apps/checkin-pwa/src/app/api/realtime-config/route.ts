import { publicRealtimeConfig } from "~/env.ts";

// The Soketi settings the scanner page needs at run time (the page itself is static and
// precached, so it cannot carry them). Never the app secret.
export const dynamic = "force-dynamic";

/** GET: { key, host, port, useTLS }. */
export function GET() {
  return Response.json(publicRealtimeConfig(), { headers: { "cache-control": "no-store" } });
}
