import { requireSessionUser } from "@marquee/ui/server/session";
import type { Metadata } from "next";
import { redirect } from "next/navigation";

export const metadata: Metadata = { title: "Organisations" };

// The console's front door: straight into the first organisation (the switcher changes it).
export default async function ConsoleHomePage() {
  const user = await requireSessionUser("admin");
  const first = user.memberships[0];
  if (first) redirect(`/orgs/${first.organizationId}/events`);
  return (
    <section className="card">
      <h1>No organisations yet</h1>
      <p className="muted">Your account is not on any organisation&apos;s team. Ask an owner to invite you.</p>
    </section>
  );
}
