// `npm run services` (entry: services-cli.ts): PostgreSQL, Redis, Soketi and the mail catcher, found or started, until Ctrl-C.
// For working on one app with `next dev` while the rest of the stack stays down.
import { loadExampleDefaults, loadRepoDotEnv, onShutdownSignal } from "./cli.ts";
import { readDevEnv } from "./env.ts";
import { startLocalServices, stopServices, type LocalServices } from "./services/start-all.ts";

export async function main(): Promise<void> {
  loadRepoDotEnv();
  loadExampleDefaults();
  const env = readDevEnv();
  let services: LocalServices = {};
  onShutdownSignal(async () => {
    await stopServices(services);
  });
  services = await startLocalServices(env, {
    onStarted: (name, handle, ms) => console.info(`${name.padEnd(8)} ${handle.description} - ${Math.round(ms)} ms`),
  });
  console.info(
    `\nPostgreSQL  ${env.DATABASE_URL}\nRedis       ${env.REDIS_URL}\nSoketi      ${services.soketi?.url}\nSMTP        ${env.SMTP_URL}\nMail        ${env.MAILCATCHER_URL}/messages\n\nCtrl-C stops the services started here.`,
  );
}
