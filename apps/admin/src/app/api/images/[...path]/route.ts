import { createNextEventImageHandler } from "@marquee/api/http/event-image-http";
import { getServerClients } from "@marquee/api/http/server-clients";

// The stored event images, so the event edit page previews the image the shop shows.
const handler = createNextEventImageHandler(() => getServerClients().files);
export const GET = handler;
export const HEAD = handler;
