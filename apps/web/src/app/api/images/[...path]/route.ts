import { createNextEventImageHandler } from "@marquee/api/http/event-image-http";
import { getServerClients } from "@marquee/api/http/server-clients";

// Event images in their stored sizes (immutable, cached for a year): packages/api services/event-image.
const handler = createNextEventImageHandler(() => getServerClients().files);
export const GET = handler;
export const HEAD = handler;
