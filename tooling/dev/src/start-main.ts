// `npm start` (entry: start.ts): services, migrations + demo data, the three apps and the workers;
// prints the URLs and demo logins once everything answers. Ctrl-C / SIGTERM stops what it started
// and exits 0.
import { loadExampleDefaults, loadRepoDotEnv, onShutdownSignal, parseStartArgs } from "./cli.ts";
import { createStack } from "./stack.ts";
import { formatReadySummary } from "./summary.ts";

export async function main(): Promise<void> {
  const { build } = parseStartArgs(process.argv.slice(2));
  loadRepoDotEnv();
  loadExampleDefaults();
  const stack = createStack({ build });
  let stopping = false;
  onShutdownSignal(async (signal) => {
    stopping = true;
    console.info(`\n${signal}: stopping...`);
    await stack.stop();
    console.info("Stopped.");
  });

  let info;
  try {
    info = await stack.start();
  } catch (error) {
    if (stopping) return; // the signal handler finishes the shutdown and exits 0
    await stack.stop();
    throw error;
  }
  console.info(
    formatReadySummary({
      urls: info.urls,
      demoUsers: info.demoUsers,
      services: Object.entries(info.services).map(([name, handle]) => ({ name, description: handle.description })),
      timings: info.timings,
      elapsedMs: process.uptime() * 1000,
    }),
  );

  const crash = await info.crashed;
  if (stopping) return;
  console.error(`${crash.name} exited (${crash.status.signal ?? `code ${crash.status.code}`}); stopping everything`);
  stopping = true;
  await stack.stop();
  process.exit(1);
}
