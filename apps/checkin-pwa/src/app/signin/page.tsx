import { SignInPage } from "@marquee/ui/server/sign-in-page";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Sign in" };

export default function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return (
    <SignInPage
      app="checkin"
      searchParams={searchParams}
      brand="Marquee Check-in"
      intro="For door staff. Use the account your organiser gave you."
      noAccessMessage="This account is not on the door team of any organisation. Ask an organiser to add you."
    />
  );
}
