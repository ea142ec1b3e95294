export { createDb, type Db, type CreateDbOptions } from "./client.ts";
export { readDbEnv, DEFAULT_DATABASE_URL } from "./env.ts";
export * from "./generated/prisma/enums.ts";
export { Prisma } from "./generated/prisma/client.ts";
export type * from "./generated/prisma/models.ts";
export * from "./money.ts";
