// Entry point: `tsx src/main.ts <booking|payment|invoice|notification|analytics>` runs one role;
// `tsx src/main.ts all` runs every role as a child process (npm start).
import { exitOnConfigError } from "@marquee/config/env";
import { loadWorkerEnv, parseRole } from "./env.ts";
import { runRole } from "./runtime/run-role.ts";
import { runAll } from "./runtime/supervisor.ts";

async function main(argument: string | undefined): Promise<void> {
  if (argument === "all") {
    runAll();
    return;
  }
  await runRole(loadWorkerEnv(parseRole(argument)));
}

main(process.argv[2]).catch((error: unknown) => {
  // A configuration problem is one line naming the variable; anything else keeps its stack.
  exitOnConfigError(error);
  console.error(error);
  process.exit(1);
});
