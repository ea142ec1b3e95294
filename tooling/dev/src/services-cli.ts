// `npm run services`: PostgreSQL, Redis, Soketi and the mail catcher, found or started, until
// Ctrl-C (for working on one app with `next dev` while the rest of the stack stays down).
import { runEntryPoint } from "./cli.ts";

runEntryPoint(() => import("./services-main.ts"));
