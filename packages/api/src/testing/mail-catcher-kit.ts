import { startMailCatcher, type MailCatcher } from "@marquee/dev/services/mail-catcher";
import { findFreePort } from "@marquee/dev/services/net";
import { afterAll, beforeAll } from "vitest";
import { createMailer, type Mailer } from "../services/mail/create-mailer.ts";

export interface TMailCatcherKit {
  /** The SMTP catcher (its HTTP listing at `catcher.httpUrl`, or `catcher.messages()`). */
  readonly catcher: MailCatcher;
  /** A mailer that sends to it. */
  readonly mailer: Mailer;
}

/** A test file's SMTP catcher on free ports and a mailer pointed at it, started before its tests and closed after. */
export function useMailCatcher(): TMailCatcherKit {
  let catcher: MailCatcher | undefined;
  let mailer: Mailer | undefined;
  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: await findFreePort(), httpPort: await findFreePort() });
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`, from: "Marquee <tickets@marquee.local>" });
  });
  afterAll(async () => {
    mailer?.close();
    await catcher?.close();
  });
  return {
    get catcher() {
      if (!catcher) throw new Error("useMailCatcher: the catcher starts in beforeAll");
      return catcher;
    },
    get mailer() {
      if (!mailer) throw new Error("useMailCatcher: the mailer starts in beforeAll");
      return mailer;
    },
  };
}
