// npm run db:migrate            -> apply pending migrations (creates the database if needed)
// npm run db:migrate:new -- add-foo -> write a migration from the schema diff
import { ConfigError } from "@marquee/config/env";
import { chooseEngine, createMigration, migrateDeploy } from "./index.ts";

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const engine = chooseEngine();
  if (command === "deploy") {
    const applied = await migrateDeploy({ engine });
    console.info(
      applied.length ? `Applied ${applied.length} migration(s) with the ${engine} engine: ${applied.join(", ")}` : `Database is up to date (${engine} engine).`,
    );
    return;
  }
  if (command === "new") {
    if (!name || !/^[a-z0-9_-]+$/i.test(name)) throw new ConfigError("Usage: npm run db:migrate:new -- <name> (letters, digits, - and _)");
    const file = await createMigration(name.replaceAll("-", "_"), { engine });
    console.info(file ? `Wrote ${file}` : "No schema changes: no migration written.");
    return;
  }
  throw new ConfigError("Usage: tsx src/migrate/cli.ts deploy | new <name>");
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
});
