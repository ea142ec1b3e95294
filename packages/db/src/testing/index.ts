export { createTestDatabase, type TestDatabase } from "./database.ts";
export { testDatabaseUrl } from "./global-setup.ts";
export { createFactories, uniqueSuffix, TEST_PASSWORD, TEST_TICKET_KEY_SECRET, type Factories } from "./factories.ts";
