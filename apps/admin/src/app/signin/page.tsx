import { SignInPage } from "@marquee/ui/server/sign-in-page";
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Sign in" };

export default function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return (
    <SignInPage
      app="admin"
      searchParams={searchParams}
      brand="Marquee Console"
      intro="For organisers and their teams."
      noAccessMessage="This account has no access to the organiser console. Sign in with an organisation team account, or ask an owner to invite you."
      footer={
        <p className="small">
          New organiser? <Link href="/signup">Create an organiser account</Link>
        </p>
      }
    />
  );
}
