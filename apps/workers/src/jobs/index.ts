// What producers (packages/api) import: `@marquee/workers/jobs`.
export * from "./queues";
export * from "./definitions";
export { enqueue } from "./enqueue";
export { type TDeadLetter } from "./dead-letter";
