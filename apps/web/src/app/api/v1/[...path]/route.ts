import { createNextRestHandler } from "@marquee/api/http/next-rest-handler";

// The public REST API (/api/v1/...), served from the tRPC procedures that carry `openapi` meta.
// Hot paths are better served by the standalone API server (packages/api/src/rest/README.md).
const handler = createNextRestHandler();

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
