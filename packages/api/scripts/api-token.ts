// npm run api-token -- --email <member> --name <label> [--role ADMIN|BOX_OFFICE|SUPPORT_AGENT|DOOR_STAFF] [--organization <id|slug>]
// Prints a new organisation API token (stdout: the token alone; details on stderr) for scripts and tests.
import { parseArgs } from "node:util";
import { createDb, readDbEnv } from "@marquee/db";
import { ZCreateApiTokenInput } from "../src/services/api-token/api-token-schemas.ts";
import { issueApiTokenForMember } from "../src/services/api-token/issue-api-token-for-member.ts";
import { AppError } from "../src/errors.ts";

const usage = "Usage: npm run api-token -- --email <member> --name <label> [--role ADMIN|BOX_OFFICE|SUPPORT_AGENT|DOOR_STAFF] [--organization <id|slug>]";

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, organization: { type: "string" } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (!values.email || !values.name) {
    console.error(usage);
    return 2;
  }
  const name = ZCreateApiTokenInput.shape.name.safeParse(values.name);
  if (!name.success) {
    console.error("--name must be 1-80 characters.");
    return 2;
  }
  const db = createDb(readDbEnv().DATABASE_URL);
  try {
    const { token, apiToken, organization } = await issueApiTokenForMember(
      { db },
      { email: values.email, name: name.data, role: values.role, organization: values.organization },
    );
    console.error(`API token "${apiToken.name}" (${apiToken.role}) for ${organization.name} (${organization.id}); shown once:`);
    console.info(token);
    return 0;
  } catch (error) {
    console.error(error instanceof AppError ? error.message : `Creating the token failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

process.exitCode = await main();
