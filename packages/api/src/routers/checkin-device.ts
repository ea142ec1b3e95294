import { AppError } from "../errors.ts";
import { openapi } from "../rest/meta.ts";
import {
  ZAttendeeSearchInput,
  ZAttendeeSearchOutput,
  ZCheckinData,
  ZCheckinDataInput,
  ZCheckinStats,
  ZUploadScansInput,
  ZUploadScansOutput,
} from "../services/checkin/checkin-schemas.ts";
import { searchAttendees } from "../services/checkin/scans/search-attendees.ts";
import { uploadScans } from "../services/checkin/scans/upload-scans.ts";
import { checkinStats } from "../services/checkin/stats/checkin-stats.ts";
import { getCheckinData } from "../services/checkin/sync/get-checkin-data.ts";
import { createTRPCRouter, deviceProcedure } from "../trpc.ts";
import { z } from "zod";

// What a paired scanner does (deviceRouter.checkinDevice, on deviceProcedure): sync, upload,
// search (supervisors), its counts. The contract is services/checkin/checkin-schemas.ts.

const tags = ["checkin"];

/** data (getCheckinData), upload (uploadScans), attendees (searchCheckinAttendees), stats (getDeviceCheckinStats). */
export const checkinDeviceRouter = createTRPCRouter({
  data: deviceProcedure
    .meta(
      openapi({
        method: "GET",
        path: "/checkin/data",
        operationId: "getCheckinData",
        summary: "Sync a scanner: keys, revocations, lists, tickets, scans",
        tags,
      }),
    )
    .input(ZCheckinDataInput)
    .output(ZCheckinData)
    .query(({ ctx, input }) => getCheckinData(ctx, ctx.device, input)),
  upload: deviceProcedure
    .meta(
      openapi({
        method: "POST",
        path: "/checkin/scans",
        operationId: "uploadScans",
        summary: "Upload queued scans and undos (each nonce recorded once)",
        tags,
        // 500 scans of codes up to 512 characters: more than the REST default allows.
        maxBodyBytes: 512 * 1024,
      }),
    )
    .input(ZUploadScansInput)
    .output(ZUploadScansOutput)
    .mutation(({ ctx, input }) => uploadScans(ctx, ctx.device, input, ctx.request.ip ?? null)),
  attendees: deviceProcedure
    .meta(
      openapi({
        method: "GET",
        path: "/checkin/attendees",
        operationId: "searchCheckinAttendees",
        summary: "Find attendees by name, e-mail, order or short code (supervisors)",
        tags,
      }),
    )
    .input(ZAttendeeSearchInput)
    .output(ZAttendeeSearchOutput)
    .query(({ ctx, input }) => {
      if (ctx.device.role !== "SUPERVISOR") throw new AppError("FORBIDDEN", "Only a supervisor device may search attendees.", { reason: "needs_supervisor" });
      return searchAttendees(ctx, ctx.device, input);
    }),
  stats: deviceProcedure
    .meta(openapi({ method: "GET", path: "/checkin/stats", operationId: "getDeviceCheckinStats", summary: "Check-in counts of the device's events", tags }))
    .input(z.object({}).optional())
    .output(ZCheckinStats)
    .query(({ ctx }) => checkinStats(ctx, { eventIds: ctx.device.eventIds, gate: ctx.device.role === "SUPERVISOR" ? undefined : ctx.device.gate })),
});
