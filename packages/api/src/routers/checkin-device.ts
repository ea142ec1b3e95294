import { createTRPCRouter } from "../trpc.ts";

// What a paired scanner does (deviceRouter.checkinDevice, on deviceProcedure): sync, upload,
// search (supervisors), its counts. The contract is services/checkin/checkin-schemas.ts.

/** data (getCheckinData), upload (uploadScans), attendees (searchCheckinAttendees), stats (getDeviceCheckinStats). */
export const checkinDeviceRouter = createTRPCRouter({});
