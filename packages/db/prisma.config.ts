// Prisma CLI configuration (Prisma 7 reads the datasource URL from here, not from the schema).
// Our own scripts (src/migrate) do not need the CLI; this file lets `prisma migrate`, `prisma
// studio` and friends work on machines that can download Prisma's schema-engine binary.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx src/seed/cli.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/marquee" },
});
