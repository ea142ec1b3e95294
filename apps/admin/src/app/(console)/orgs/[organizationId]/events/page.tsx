import { roleCan } from "@marquee/api/permissions";
import type { Metadata } from "next";
import Link from "next/link";
import { EventsTable } from "~/features/events/events-table.tsx";
import { orgPath, requireOrganization } from "~/lib/organization.ts";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server.tsx";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  const { membership } = await requireOrganization(organizationId, "event.view");
  await getQueryClient().prefetchQuery(trpc.event.listForOrganization.queryOptions({ organizationId }));
  return (
    <HydrateClient>
      <h1>Events</h1>
      {roleCan(membership.role, "event.manage") ? (
        <p>
          <Link className="button button-primary" href={orgPath(organizationId, "/events/new")}>
            New event
          </Link>
        </p>
      ) : null}
      <EventsTable organizationId={organizationId} organizationName={membership.organizationName} />
    </HydrateClient>
  );
}
