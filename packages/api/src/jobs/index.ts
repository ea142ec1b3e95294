// `@marquee/api/jobs`: the jobs contract for producers (services) and consumers (apps/workers).
export * from "./contract.ts";
export * from "./definitions.ts";
export * from "./webhook-jobs.ts";
export { createQueueClient, enqueueJob, type QueueClient, type TEnqueueOptions } from "./queue-client.ts";
