// `npm run test:security`: the abuse suite. Starts the real stack, tries each attack family
// against the HTTP servers, prints `attack | tried | let through` and `N passed, N failed` (one
// pass per family with nothing let through); the exit code is non-zero if anything got through.
import { loadRepoDotEnv, runEntryPoint } from "@marquee/dev/cli";

runEntryPoint(async () => {
  // Before the suite's env.ts is read: the shell wins over .env.
  loadRepoDotEnv();
  return import("./suite.ts");
});
