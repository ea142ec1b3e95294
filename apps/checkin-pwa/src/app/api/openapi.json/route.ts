import { createNextDeviceOpenApiHandler } from "@marquee/api/http/next-rest-handler";

// The scanner API's OpenAPI document on the scanner's origin (the device operations only).
export const dynamic = "force-dynamic";
export const GET = createNextDeviceOpenApiHandler();
