import { roleCan } from "@marquee/api/permissions";
import { requireSessionUser } from "@marquee/ui/server/session";
import type { Metadata } from "next";
import { ScannableEvents } from "~/components/scannable-events.tsx";

export const metadata: Metadata = { title: "Events" };

export default async function ScannerHomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Layouts are not re-run on every client navigation: the page checks too (cached per request).
  const user = await requireSessionUser("checkin");
  const organizations = user.memberships
    .filter((membership) => roleCan(membership.role, "checkin.scan"))
    .map((membership) => ({ id: membership.organizationId, name: membership.organizationName }));
  if (organizations.length === 0) {
    return (
      <section className="card">
        <h1>No door access</h1>
        <p className="muted">Your account is not on the door team of any organisation any more. Ask an organiser to add you.</p>
      </section>
    );
  }
  const { org } = await searchParams;
  const selected = organizations.find((organization) => organization.id === org) ?? organizations[0]!;
  return <ScannableEvents organizations={organizations} selected={selected} />;
}
