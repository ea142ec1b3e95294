import { createNextEventImageUploadHandler } from "@marquee/api/http/event-image-upload-http";

// The event image upload (POST multipart) and removal (DELETE): packages/api http/event-image-upload-http.ts.
export const dynamic = "force-dynamic";

const handler = createNextEventImageUploadHandler();
export const POST = handler;
export const DELETE = handler;
