// `npm run scale:onsale [-- --buyers N | --quick | --verbose]`: the scaled-out topology on this
// machine behind HAProxy, holds/s with 1 vs 3 API servers, then an on-sale with one API server, one
// Soketi node and one payment worker SIGKILLed mid-sale. Exits non-zero if anything was oversold or lost.
import { runEntryPoint } from "@marquee/dev/cli";

runEntryPoint(() => import("./onsale-main.ts"));
