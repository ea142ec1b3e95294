// `tsx tooling/dev/src/mailcatcher.ts` (entry): the SMTP mail catcher on its own (SMTP_URL's port,
// JSON at MAILCATCHER_HTTP_PORT). `npm start` runs the same catcher in-process.
import { loadExampleDefaults, loadRepoDotEnv, onShutdownSignal } from "./cli.ts";
import { readDevEnv } from "./env.ts";
import { createLog } from "./log.ts";
import { startMailCatcher } from "./services/mail-catcher.ts";
import { mailForwardFromEnv } from "./services/start-all.ts";

export async function main(): Promise<void> {
  loadRepoDotEnv();
  loadExampleDefaults();
  const env = readDevEnv();
  const smtp = new URL(env.SMTP_URL);
  const catcher = await startMailCatcher({
    smtpHost: smtp.hostname,
    smtpPort: Number(smtp.port || 25),
    httpPort: env.MAILCATCHER_HTTP_PORT,
    forward: mailForwardFromEnv(env),
    log: createLog("mail"),
  });
  onShutdownSignal(() => catcher.close());
  console.info(`Mail catcher: SMTP ${smtp.hostname}:${catcher.smtpPort}, GET/DELETE ${catcher.httpUrl}/messages, GET ${catcher.httpUrl}/messages/:id`);
}
