import { getSessionUser } from "@marquee/ui/server/session";
import type { Metadata } from "next";
import { PublicPage } from "~/features/signup/public-page.tsx";
import { AcceptInvitation } from "~/features/team/accept-invitation.tsx";

export const metadata: Metadata = { title: "Join a team" };

export default async function AcceptInvitationPage() {
  const user = await getSessionUser("admin");
  return (
    <PublicPage heading="Join a team">
      <AcceptInvitation signedInEmail={user?.email ?? null} />
    </PublicPage>
  );
}
