import type { Metadata } from "next";
import Link from "next/link";
import { getI18n } from "~/i18n/server";
import "~/styles/account.css";

// Per request: it reads the visitor (language, session or cart).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.account.checkEmailTitle };
}

/** Where the e-mail link form (and next-auth's verify-request step) lands. */
export default async function CheckEmailPage() {
  const { m } = await getI18n();
  return (
    <section className="card narrow account-auth" aria-labelledby="check-email-heading">
      <h1 id="check-email-heading">{m.account.checkEmailTitle}</h1>
      <p>{m.account.checkEmailBody}</p>
      <p className="muted small">{m.account.checkEmailSpam}</p>
      <p>
        <Link href="/signin">{m.account.backToSignIn}</Link>
      </p>
    </section>
  );
}
