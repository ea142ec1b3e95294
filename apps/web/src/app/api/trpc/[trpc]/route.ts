import { createNextTrpcHandler } from "@marquee/api/http/next-trpc-handler";

// Clients are created on the first request, so `next build` needs no database or secrets.
const handler = createNextTrpcHandler("web");

export { handler as GET, handler as POST };
