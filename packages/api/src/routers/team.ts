import type { TeamRole } from "@marquee/db";
import type { Context } from "../context.ts";
import { rateLimited } from "../rate-limit/rate-limited.ts";
import { auditActorOf } from "../services/audit/record-audit.ts";
import { acceptInvitation, previewInvitation } from "../services/team/accept-invitation.ts";
import { type TTeamActor, ZChangeMemberRoleInput, ZMemberInput, changeMemberRole } from "../services/team/change-member-role.ts";
import { inviteMember, resendInvitation, revokeInvitation } from "../services/team/invitations.ts";
import { listInvitations, listMembers } from "../services/team/list-team.ts";
import { removeMember } from "../services/team/remove-member.ts";
import {
  ZAcceptInvitationInput,
  ZAcceptInvitationOutput,
  ZInvitationIdInput,
  ZInvitationOutput,
  ZInvitationPreviewOutput,
  ZInvitationTokenInput,
  ZInviteMemberInput,
  ZListInvitationsInput,
  ZListInvitationsOutput,
  ZListMembersInput,
  ZListMembersOutput,
} from "../services/team/team-schemas.ts";
import { createTRPCRouter, organizationProcedure, publicProcedure } from "../trpc.ts";

const teamProcedure = organizationProcedure("team.manage");
const actorOf = (ctx: Pick<Context, "session" | "request"> & { organization: { role: TeamRole } }): TTeamActor => ({
  audit: auditActorOf(ctx),
  role: ctx.organization.role,
});

/** The console's team page: members, roles, invitations (team.manage; only owners touch owners). */
export const teamRouter = createTRPCRouter({
  members: teamProcedure
    .input(ZListMembersInput)
    .output(ZListMembersOutput)
    .query(({ ctx, input }) => listMembers(ctx, input)),
  invitations: teamProcedure
    .input(ZListInvitationsInput)
    .output(ZListInvitationsOutput)
    .query(({ ctx, input }) => listInvitations(ctx, input)),
  invite: teamProcedure
    .input(ZInviteMemberInput)
    .output(ZInvitationOutput)
    .mutation(({ ctx, input }) => inviteMember(ctx, actorOf(ctx), input)),
  resendInvitation: teamProcedure
    .input(ZInvitationIdInput)
    .output(ZInvitationOutput)
    .mutation(({ ctx, input }) => resendInvitation(ctx, actorOf(ctx), input)),
  revokeInvitation: teamProcedure.input(ZInvitationIdInput).mutation(({ ctx, input }) => revokeInvitation(ctx, actorOf(ctx), input)),
  /** A new role; the member's sessions end at once. */
  changeRole: teamProcedure.input(ZChangeMemberRoleInput).mutation(({ ctx, input }) => changeMemberRole(ctx, input, actorOf(ctx))),
  /** Out of the team; the member's sessions end at once. */
  remove: teamProcedure.input(ZMemberInput).mutation(async ({ ctx, input }) => {
    await removeMember(ctx, input, actorOf(ctx));
  }),
});

// Invitation links are bearer secrets: opened and accepted per client address at most 20 times per 15 minutes.
const INVITATION_LIMITS = { perIp: 20, windowSeconds: 15 * 60 };

/** The invitation link's page (public: the invited person may have no account yet). */
export const invitationRouter = createTRPCRouter({
  preview: publicProcedure
    .use(rateLimited("invitation", INVITATION_LIMITS))
    .input(ZInvitationTokenInput)
    .output(ZInvitationPreviewOutput)
    .query(({ ctx, input }) => previewInvitation(ctx, input.token)),
  accept: publicProcedure
    .use(rateLimited("invitation", INVITATION_LIMITS))
    .input(ZAcceptInvitationInput)
    .output(ZAcceptInvitationOutput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx, ctx.session, ctx.request.ip, input)),
});
