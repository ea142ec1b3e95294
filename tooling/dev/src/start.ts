// `npm start`: services, migrations + demo data, the three apps and the workers; prints the URLs
// and demo logins once everything answers. Ctrl-C / SIGTERM stops what it started and exits 0.
import { runEntryPoint } from "./cli.ts";

runEntryPoint(() => import("./start-main.ts"));
