import { createNextDeviceRestHandler } from "@marquee/api/http/next-rest-handler";

// The scanner's own REST API (/api/v1/checkin/...): only the device operations (pairDevice,
// getCheckinData, uploadScans, ...), called same-origin with `Authorization: Bearer mq_dev_...`.
// Clients are created on the first request, so `next build` needs no database or secrets.
const handler = createNextDeviceRestHandler();

export { handler as GET, handler as POST };
