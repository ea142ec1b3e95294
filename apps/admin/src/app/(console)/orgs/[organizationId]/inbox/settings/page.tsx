import { roleCan } from "@marquee/api/permissions";
import type { Metadata } from "next";
import Link from "next/link";
import { InboxSettings } from "~/features/inbox-settings/inbox-settings.tsx";
import { orgPath, requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Inbox settings" };

export default async function InboxSettingsPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  const { user, membership } = await requireOrganization(organizationId, "support.answer");
  await Promise.all([
    getQueryClient().prefetchQuery(trpc.inboxTools.settings.get.queryOptions({ organizationId })),
    getQueryClient().prefetchQuery(trpc.inboxTools.cannedReplies.list.queryOptions({ organizationId })),
    getQueryClient().prefetchQuery(trpc.inboxTools.agents.list.queryOptions({ organizationId })),
  ]);
  return (
    <HydrateClient>
      <p className="small">
        <Link href={orgPath(organizationId, "/inbox")}>← Inbox</Link>
      </p>
      <h1>Inbox settings</h1>
      <InboxSettings
        organizationId={organizationId}
        myUserId={user.id}
        canManageSettings={roleCan(membership.role, "organization.manage")}
        canManageTeam={roleCan(membership.role, "team.manage")}
      />
    </HydrateClient>
  );
}
