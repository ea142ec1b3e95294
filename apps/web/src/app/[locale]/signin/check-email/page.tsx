import type { Metadata } from "next";
import Link from "next/link";
import { getI18n } from "~/i18n/server.ts";
import "~/styles/account.css";

// Per request: it reads the visitor (language, session or cart).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.account.checkEmailTitle };
}

/** Where the e-mail link form (and next-auth's verify-request step) lands; after sign-up (`?confirm=1`) it asks to confirm the address. */
export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [params, { m }] = await Promise.all([searchParams, getI18n()]);
  const confirm = params.confirm === "1";
  return (
    <section className="card narrow account-auth" aria-labelledby="check-email-heading">
      <h1 id="check-email-heading">{confirm ? m.account.confirmEmailTitle : m.account.checkEmailTitle}</h1>
      <p>{confirm ? m.account.confirmEmailBody : m.account.checkEmailBody}</p>
      <p className="muted small">{m.account.checkEmailSpam}</p>
      <p>
        <Link href="/signin">{m.account.backToSignIn}</Link>
      </p>
    </section>
  );
}
