// Entry point: `tsx src/main.ts <booking|payment|invoice|notification|analytics>` runs one role;
// `tsx src/main.ts all` runs every role as a child process (npm start).
import { exitOnConfigError } from "@marquee/config/env";
import { startTracing } from "@marquee/api/observability/start-tracing";
import { loadWorkerEnv, parseRole } from "./env.ts";

async function main(argument: string | undefined): Promise<void> {
  if (argument === "all") {
    const { runAll } = await import("./runtime/supervisor.ts");
    runAll();
    return;
  }
  const env = loadWorkerEnv(parseRole(argument));
  // Tracing (when OTEL_* asks for it) before the role's modules load: see start-tracing.ts.
  await startTracing(`worker-${env.role}`);
  const { runRole } = await import("./runtime/run-role.ts");
  await runRole(env);
}

main(process.argv[2]).catch((error: unknown) => {
  // A configuration problem is one line naming the variable; anything else keeps its stack.
  exitOnConfigError(error);
  console.error(error);
  process.exit(1);
});
