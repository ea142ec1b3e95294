// `tsx tooling/dev/src/mailcatcher.ts`: the SMTP mail catcher on its own (SMTP_URL's port, JSON
// at MAILCATCHER_HTTP_PORT). `npm start` runs the same catcher in-process.
import { runEntryPoint } from "./cli.ts";

runEntryPoint(() => import("./mailcatcher-main.ts"));
