import { type NotificationServiceServer, NotificationServiceService } from "@marquee/proto/v1/notification";
import { notificationPing } from "../jobs/definitions";
import { JobRegistry } from "../jobs/registry";
import { unary } from "../runtime/grpc-server";
import { queueStats, type TRoleContext, type TRoleModule } from "./types";

/** The notification worker. For now it handles `ping`; the runtime records jobs.notification.<job> in analytics. */
export function createNotificationRole(context: TRoleContext): TRoleModule {
  const jobs = new JobRegistry(notificationPing.queue).register(notificationPing, (payload, job) => {
    context.logger.info({ jobId: job.id, message: payload.message }, "notification ping");
  });
  const implementation: NotificationServiceServer = {
    getQueueStats: unary(async () => ({ stats: await queueStats(context.queue) })),
  };
  return { jobs, service: { name: "marquee.v1.NotificationService", definition: NotificationServiceService, implementation } };
}
