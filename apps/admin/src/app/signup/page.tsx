import { getSessionUser } from "@marquee/ui/server/session";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { OrganizerSignUpForm } from "~/features/signup/organizer-sign-up-form.tsx";
import { PublicPage } from "~/features/signup/public-page.tsx";

export const metadata: Metadata = { title: "Sign up as an organiser" };

export default async function SignUpPage() {
  if (await getSessionUser("admin")) redirect("/");
  return (
    <PublicPage heading="Sell tickets with Marquee" intro="Create your organiser account and your organisation. You will confirm your e-mail address next.">
      <OrganizerSignUpForm />
      <p className="small">
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </PublicPage>
  );
}
