import { createNextOpenApiHandler } from "@marquee/api/http/next-rest-handler";

// The OpenAPI 3.1 document of the public REST API, generated from the tRPC routers' `openapi` meta.
export const dynamic = "force-dynamic";
export const GET = createNextOpenApiHandler();
