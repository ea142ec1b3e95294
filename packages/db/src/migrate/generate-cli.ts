// Generates the Prisma client. `prisma generate` needs no schema engine, but the CLI looks for
// the engine binary on start and tries to download it when missing; pointing it at any existing
// file skips that, so generation works on machines with only the npm registry.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));
const result = spawnSync("npx", ["prisma", "generate", "--schema", "prisma/schema.prisma"], {
  cwd: packageRoot,
  stdio: ["ignore", "inherit", "inherit"],
  // Forwards the caller's environment to the Prisma CLI.
  /* eslint-disable no-restricted-properties */
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
  /* eslint-enable no-restricted-properties */
});
process.exit(result.status ?? 1);
