import { safeCallbackUrl } from "@marquee/ui/auth";
import { getSessionUser } from "@marquee/ui/server/session";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForms } from "~/components/account/sign-in-forms.tsx";
import { getI18n } from "~/i18n/server.ts";
import "~/styles/account.css";

// Per request: it reads the visitor (language, session or cart).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.account.signInTitle };
}

/** Sign in with a password or an e-mailed link; someone already signed in goes straight on. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [params, { m }] = await Promise.all([searchParams, getI18n()]);
  const callbackUrl = safeCallbackUrl(params.callbackUrl, "/");
  if (await getSessionUser("web")) redirect(callbackUrl);
  const error = typeof params.error === "string" ? params.error : undefined;
  return (
    <section className="card narrow account-auth" aria-labelledby="signin-heading">
      <h1 id="signin-heading">{m.account.signInTitle}</h1>
      <p className="muted">{m.account.signInIntro}</p>
      <SignInForms callbackUrl={callbackUrl} initialError={error} />
      <p className="muted">
        {m.orderAccess.signInHint} <Link href="/find-order">{m.orderAccess.findOrder}</Link>
      </p>
    </section>
  );
}
