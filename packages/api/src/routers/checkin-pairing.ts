import { rateLimited } from "../rate-limit/rate-limited.ts";
import { openapi } from "../rest/meta.ts";
import { ZPairDeviceInput, ZPairDeviceOutput } from "../services/checkin/checkin-schemas.ts";
import { authorizeDeviceChannel } from "../services/checkin/devices/authorize-checkin-channel.ts";
import { pairDevice } from "../services/checkin/devices/pair-device.ts";
import { ZChannelAuthInput, ZChannelAuthOutput } from "../services/queue/queue-schemas.ts";
import { createTRPCRouter, deviceProcedure, publicProcedure } from "../trpc.ts";

// A scanner's pairing and its live channel (deviceRouter.checkinPairing). The contract is
// services/checkin/checkin-schemas.ts.

/** pair (pairDevice), authorize (authorizeCheckinChannel). */
export const checkinPairingRouter = createTRPCRouter({
  /** No credential yet: the one-time pairing token is the proof, and guessing is bounded per IP (rate-limit/limits.ts "pairing"). */
  pair: publicProcedure
    .use(rateLimited("pairing"))
    .meta(
      openapi({
        method: "POST",
        path: "/checkin/pair",
        operationId: "pairDevice",
        summary: "Redeem a pairing token for the device's own credential",
        description:
          "The token from the console's pairing QR code (or typed; case, spaces and dashes do not matter) works once, for 15 minutes. The answer carries the device credential once: send it as `Authorization: Bearer` from then on. An unknown, used or expired token is 410 PAIRING_TOKEN_INVALID.",
        tags: ["checkin-device"],
        deviceCredential: "none",
      }),
    )
    .input(ZPairDeviceInput)
    .output(ZPairDeviceOutput)
    .mutation(({ ctx, input }) => pairDevice(ctx, input, ctx.request)),
  authorize: deviceProcedure
    .meta(
      openapi({
        method: "POST",
        path: "/checkin/realtime/auth",
        operationId: "authorizeCheckinChannel",
        summary: "Sign a private-checkin-<eventId> subscription for one of the device's events",
        tags: ["checkin-device"],
        formBody: true,
      }),
    )
    .input(ZChannelAuthInput)
    .output(ZChannelAuthOutput)
    .mutation(({ ctx, input }) => authorizeDeviceChannel(ctx.realtime, ctx.device, input)),
});
