import { ConsoleNav } from "~/features/shell/console-nav.tsx";
import { OrganizationSwitcher } from "~/features/shell/organization-switcher.tsx";
import { requireOrganization } from "~/lib/organization.ts";
import type { ReactNode } from "react";

// Everything inside one organisation: the segment's membership check, the switcher and the menu.
export default async function OrganizationLayout({ params, children }: { params: Promise<{ organizationId: string }>; children: ReactNode }) {
  const { organizationId } = await params;
  const { user, membership } = await requireOrganization(organizationId);
  return (
    <div className="console-grid">
      <aside className="console-sidebar">
        <OrganizationSwitcher current={membership.organizationId} memberships={user.memberships} />
        <ConsoleNav organizationId={membership.organizationId} role={membership.role} />
      </aside>
      <div className="console-content">{children}</div>
    </div>
  );
}
