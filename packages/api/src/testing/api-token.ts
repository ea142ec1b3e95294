import type { TeamRole } from "@marquee/db";
import { createContextInner } from "../context.ts";
import type { TApiTokenRole } from "../services/api-token/api-token-schemas.ts";
import { createApiToken } from "../services/api-token/manage-api-tokens.ts";
import type { Harness } from "./harness.ts";

/**
 * An organisation API token (the secret) for tests: created by a fresh admin of the organisation
 * (or the given creator), through the same service as the console.
 */
export async function makeApiToken(
  h: Harness,
  organizationId: string,
  role: TApiTokenRole,
  options: { createdById?: string; name?: string; expiresAt?: Date } = {},
): Promise<{ token: string; id: string; creatorId: string }> {
  const creatorId = options.createdById ?? (await h.make.member(organizationId, "ADMIN" satisfies TeamRole)).id;
  const ctx = createContextInner({ db: h.db, redis: h.redis, redisPrefix: h.redisPrefix, queues: h.queues });
  const { token, apiToken } = await createApiToken(ctx, organizationId, {
    name: options.name ?? `test ${role.toLowerCase()}`,
    role,
    expiresAt: options.expiresAt,
    createdById: creatorId,
  });
  return { token, id: apiToken.id, creatorId };
}
