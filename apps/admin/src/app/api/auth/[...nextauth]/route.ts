import { createNextAuthHandler } from "@marquee/api/http/next-auth-handler";

// Built on the first request (see createNextAuthHandler), so `next build` needs no secrets.
const handler = createNextAuthHandler("admin");

export { handler as GET, handler as POST };
