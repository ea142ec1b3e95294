// `npm test`: PostgreSQL/Redis, Chromium, typecheck + lint + format, unit + integration, e2e; the very last
// line is `N passed, N failed[, N skipped]` and the exit code is non-zero if anything failed.
import { runEntryPoint } from "./cli.ts";

runEntryPoint(() => import("./test-main.ts"));
