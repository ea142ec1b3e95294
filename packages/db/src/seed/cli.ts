// npm run db:seed: the demo organiser, venue, seat map, three events and one user per role.
import { ConfigError } from "@marquee/config/env";
import { DEMO_USERS, seed } from "./index.ts";

seed()
  .then(() => {
    console.info("Seeded demo data. Demo logins:");
    for (const user of DEMO_USERS) console.info(`  ${user.role.padEnd(15)} ${user.email} / ${user.password}  (${user.app})`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `Seed failed: ${(error as Error).message}`);
    process.exit(1);
  });
