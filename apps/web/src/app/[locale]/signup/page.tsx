import { safeCallbackUrl } from "@marquee/ui/auth";
import { getSessionUser } from "@marquee/ui/server/session";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "~/components/account/sign-up-form.tsx";
import { getI18n } from "~/i18n/server.ts";
import "~/styles/account.css";

// Per request: it reads the visitor (language, session or cart).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.account.signUpTitle };
}

/** A buyer account with a password; signed-in visitors go straight on. */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [params, { m }] = await Promise.all([searchParams, getI18n()]);
  const callbackUrl = safeCallbackUrl(params.callbackUrl, "/account");
  if (await getSessionUser("web")) redirect(callbackUrl);
  return (
    <section className="card narrow account-auth" aria-labelledby="signup-heading">
      <h1 id="signup-heading">{m.account.signUpTitle}</h1>
      <p className="muted">{m.account.signUpIntro}</p>
      <SignUpForm callbackUrl={callbackUrl} />
    </section>
  );
}
