import { SignInPage } from "@marquee/ui/server/sign-in-page";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Sign in" };

export default function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <SignInPage app="web" searchParams={searchParams} intro="Sign in to see your tickets and buy faster." />;
}
