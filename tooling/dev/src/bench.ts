// `npm run bench`: every bench's quick settings, one table in bench/results/latest.md (bench-all.ts).
//
//   npm run bench [-- --only bench:booking,bench:web] [--out file.md] [--full]
//
// --full runs each bench with its full settings instead of --quick (long: tens of minutes).
import { runEntryPoint } from "./cli.ts";

runEntryPoint(() => import("./bench-main.ts"));
