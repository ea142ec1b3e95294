import { roleCan } from "@marquee/api/permissions";
import { requireSessionUser } from "@marquee/ui/server/session";
import type { Metadata } from "next";
import { RegisterDeviceForm } from "~/components/register-device-form.tsx";

export const metadata: Metadata = { title: "Use this phone as a scanner" };

// "Sign in with my account" on the door: the signed-in member registers this phone as a device
// (checkin.registerDevice) and from then on the phone scans on the device credential it gets back.
export default async function RegisterDevicePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireSessionUser("checkin");
  const organizations = user.memberships
    .filter((membership) => roleCan(membership.role, "checkin.scan"))
    .map((membership) => ({ id: membership.organizationId, name: membership.organizationName, supervise: roleCan(membership.role, "checkin.supervise") }));
  const { org } = await searchParams;
  const selected = organizations.find((organization) => organization.id === org) ?? organizations[0];
  if (!selected) {
    return (
      <section className="card">
        <h1>No door access</h1>
        <p className="muted">Your account is not on the door team of any organisation.</p>
      </section>
    );
  }
  return <RegisterDeviceForm organization={selected} defaultName={`${user.name ?? user.email}'s phone`} />;
}
