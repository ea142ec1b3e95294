import type { Metadata } from "next";
import { TeamInvitations } from "~/features/team/team-invitations.tsx";
import { TeamMembers } from "~/features/team/team-members.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  const { user, membership } = await requireOrganization(organizationId, "team.manage");
  await Promise.all([
    getQueryClient().prefetchQuery(trpc.team.members.queryOptions({ organizationId })),
    getQueryClient().prefetchQuery(trpc.team.invitations.queryOptions({ organizationId })),
  ]);
  return (
    <HydrateClient>
      <h1>Team</h1>
      <p className="muted">Role changes and removals end that person&apos;s sessions at once.</p>
      <div className="stack">
        <TeamMembers organizationId={organizationId} myRole={membership.role} myUserId={user.id} />
        <TeamInvitations organizationId={organizationId} myRole={membership.role} />
      </div>
    </HydrateClient>
  );
}
