import { type BookingServiceServer, BookingServiceService } from "@marquee/proto/v1/booking";
import { bookingPing } from "../jobs/definitions";
import { JobRegistry } from "../jobs/registry";
import { unary } from "../runtime/grpc-server";
import { queueStats, type TRoleContext, type TRoleModule } from "./types";

/** The booking worker. For now it handles `ping`; the runtime records jobs.booking.<job> in analytics. */
export function createBookingRole(context: TRoleContext): TRoleModule {
  const jobs = new JobRegistry(bookingPing.queue).register(bookingPing, (payload, job) => {
    context.logger.info({ jobId: job.id, message: payload.message }, "booking ping");
  });
  const implementation: BookingServiceServer = {
    getQueueStats: unary(async () => ({ stats: await queueStats(context.queue) })),
  };
  return { jobs, service: { name: "marquee.v1.BookingService", definition: BookingServiceService, implementation } };
}
