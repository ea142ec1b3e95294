// Liveness and readiness of this app's server for Kubernetes (deploy/kubernetes): 200 while the edge
// server and Next answer. It checks no dependency, so a PostgreSQL or Redis outage does not restart
// every pod; requests that need them fail on their own.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return new Response("ok", { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
