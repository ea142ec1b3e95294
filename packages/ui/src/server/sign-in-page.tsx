import type { AppName } from "@marquee/api/auth/options";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { safeCallbackUrl } from "../auth/safe-callback-url.ts";
import { SignInForm } from "../auth/sign-in-form.tsx";
import { getSessionUser } from "./session.ts";

export interface SignInPageProps {
  app: AppName;
  /** The page's own `searchParams`: `callbackUrl` and next-auth's `error`. */
  searchParams: Promise<Record<string, string | string[] | undefined>>;
  /** One line under the heading: who this sign-in is for. */
  intro: string;
  /** What this app says to accounts it does not admit. */
  noAccessMessage?: string;
  /**
   * For apps whose sign-in page has no header (console, scanner): the app's name above the
   * heading, and the page is its own `<main>`. Without it the section goes into the layout's.
   */
  brand?: string;
  /** Under the form, e.g. the console's "New organiser? Sign up". */
  footer?: ReactNode;
}

/** The body of every app's /signin page; someone already signed in goes straight on. */
export async function SignInPage({ app, searchParams, intro, noAccessMessage, brand, footer }: SignInPageProps) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser(app)) redirect(callbackUrl);
  const error = typeof params.error === "string" ? params.error : undefined;
  const section = (
    <section className="card narrow" aria-labelledby="signin-heading">
      {brand ? <p className="brand">{brand}</p> : null}
      <h1 id="signin-heading">Sign in</h1>
      <p className="muted">{intro}</p>
      <SignInForm callbackUrl={callbackUrl} initialError={error} noAccessMessage={noAccessMessage} />
      {footer}
    </section>
  );
  if (!brand) return section;
  return (
    <main id="main" className="container signin-page">
      {section}
    </main>
  );
}
