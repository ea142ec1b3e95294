import { roleCan } from "@marquee/api/permissions";
import Link from "next/link";
import type { ReactNode } from "react";
import { CheckinNav } from "~/features/checkin/checkin-nav.tsx";
import { loadCheckinEvent } from "~/features/checkin/load-checkin-event.ts";
import { orgPath } from "~/lib/org-path.ts";

// Event → Check-in: the heading and the pages' own menu (progress, conflicts, lists, devices).
export default async function CheckinLayout({ params, children }: { params: Promise<{ organizationId: string; eventId: string }>; children: ReactNode }) {
  const { organizationId, eventId } = await params;
  const { membership, event } = await loadCheckinEvent(organizationId, eventId);
  return (
    <div className="stack">
      <p className="small">
        <Link href={orgPath(organizationId, `/events/${eventId}`)}>← {event.name}</Link>
      </p>
      <h1>Check-in</h1>
      <CheckinNav organizationId={organizationId} eventId={eventId} canManageDevices={roleCan(membership.role, "device.manage")} />
      {children}
    </div>
  );
}
