export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./root.ts";
export { createContextInner, type Context, type RequestMeta } from "./context.ts";
export { AppError, APP_ERROR_STATUS, type AppErrorCode } from "./errors.ts";
export { systemClock, fixedClock, type Clock } from "./clock.ts";
export { createQueueClient, type QueueClient } from "./jobs/queue-client.ts";
export type { SessionUser } from "./session.ts";
