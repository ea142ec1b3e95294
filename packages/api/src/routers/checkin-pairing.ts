import { createTRPCRouter } from "../trpc.ts";

// A scanner's pairing and its live channel (deviceRouter.checkinPairing). The contract is
// services/checkin/checkin-schemas.ts.

/** pair (pairDevice), authorize (authorizeCheckinChannel). */
export const checkinPairingRouter = createTRPCRouter({});
