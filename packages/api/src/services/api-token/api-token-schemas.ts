import { z } from "zod";

/**
 * Roles a token may carry. Never OWNER: an owner can delete the organisation and hand it over,
 * which no script should do, and a leaked token must never outrank the people who manage it.
 * ADMIN (everything else), BOX_OFFICE, SUPPORT_AGENT and DOOR_STAFF match the console's roles.
 */
export const API_TOKEN_ROLES = ["ADMIN", "BOX_OFFICE", "SUPPORT_AGENT", "DOOR_STAFF"] as const;
export const ZApiTokenRole = z.enum(API_TOKEN_ROLES);
export type TApiTokenRole = z.infer<typeof ZApiTokenRole>;

export const ZCreateApiTokenInput = z.object({
  name: z.string().trim().min(1).max(80),
  role: ZApiTokenRole,
  /** Optional expiry; at most two years ahead. */
  expiresAt: z.coerce.date().optional(),
});
export type TCreateApiTokenInput = z.infer<typeof ZCreateApiTokenInput>;

export const ZApiTokenIdInput = z.object({ tokenId: z.uuid() });

export const ZApiTokenOutput = z.object({
  id: z.string(),
  name: z.string(),
  role: ZApiTokenRole,
  prefix: z.string(),
  createdAt: z.date(),
  createdBy: z.object({ id: z.string(), name: z.string().nullable(), email: z.string() }).nullable(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type TApiTokenOutput = z.infer<typeof ZApiTokenOutput>;

export const ZCreatedApiTokenOutput = z.object({ token: z.string(), apiToken: ZApiTokenOutput });

export const ZListApiTokensInput = z.object({ includeRevoked: z.boolean().default(false) });
