import { z } from "zod";
import { ZLinkToken } from "../organizer-sign-up/organizer-sign-up-schemas.ts";
import { ZNewPassword } from "../account/password-reset-token.ts";

/** Invitation links work this long, once. */
export const INVITATION_TTL_DAYS = 7;

export const ZTeamRole = z.enum(["OWNER", "ADMIN", "BOX_OFFICE", "DOOR_STAFF", "SUPPORT_AGENT"]);

const ZPage = { limit: z.number().int().min(1).max(200).default(100), cursor: z.uuid().optional() };

export const ZListMembersInput = z.object({ organizationId: z.uuid(), ...ZPage });
export type TListMembersInput = z.infer<typeof ZListMembersInput>;
export const ZListMembersOutput = z.object({
  members: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string().nullable(),
      email: z.string(),
      role: ZTeamRole,
      joinedAt: z.date(),
      twoFactorEnabled: z.boolean(),
    }),
  ),
  nextCursor: z.uuid().nullable(),
});

export const ZListInvitationsInput = ZListMembersInput;
export const ZInvitationOutput = z.object({
  id: z.uuid(),
  email: z.string(),
  role: ZTeamRole,
  createdAt: z.date(),
  expiresAt: z.date(),
  expired: z.boolean(),
});
export type TInvitationOutput = z.infer<typeof ZInvitationOutput>;
export const ZListInvitationsOutput = z.object({ invitations: z.array(ZInvitationOutput), nextCursor: z.uuid().nullable() });

export const ZInviteMemberInput = z.object({
  organizationId: z.uuid(),
  email: z
    .email()
    .max(320)
    .transform((email) => email.toLowerCase()),
  role: ZTeamRole,
});
export type TInviteMemberInput = z.infer<typeof ZInviteMemberInput>;

export const ZInvitationIdInput = z.object({ organizationId: z.uuid(), invitationId: z.uuid() });
export type TInvitationIdInput = z.infer<typeof ZInvitationIdInput>;

export const ZInvitationTokenInput = z.object({ token: ZLinkToken });
export const ZInvitationPreviewOutput = z.object({
  organizationName: z.string(),
  role: ZTeamRole,
  email: z.string(),
  accountExists: z.boolean(),
  expiresAt: z.date(),
});

/** Accepting: signed in as the invited address, or its password, or (no account yet) a name and a new password. */
export const ZAcceptInvitationInput = z.object({
  token: ZLinkToken,
  password: z.string().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(120).optional(),
});
export type TAcceptInvitationInput = z.infer<typeof ZAcceptInvitationInput>;
export const ZAcceptInvitationOutput = z.object({ organizationId: z.uuid(), email: z.string(), role: ZTeamRole });
export { ZNewPassword };
