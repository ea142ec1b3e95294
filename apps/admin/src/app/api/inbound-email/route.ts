import { createNextInboundEmailHandler } from "@marquee/api/http/inbound-email-http";

// Inbound support e-mail (POST a raw RFC 822 message with the Bearer secret): packages/api http/inbound-email-http.ts.
export const dynamic = "force-dynamic";

export const POST = createNextInboundEmailHandler();
