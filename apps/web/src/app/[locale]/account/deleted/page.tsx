import type { Metadata } from "next";
import Link from "next/link";
import { getI18n } from "~/i18n/server.ts";
import "~/styles/account.css";

// Per request: it reads the visitor's language.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.security.deletedTitle };
}

/** Where "Delete my account" ends (no session any more). */
export default async function AccountDeletedPage() {
  const { m } = await getI18n();
  return (
    <section className="card narrow account-auth" aria-labelledby="deleted-heading">
      <h1 id="deleted-heading">{m.security.deletedTitle}</h1>
      <p>{m.security.deletedBody}</p>
      <p>
        <Link href="/">{m.security.toEvents}</Link>
      </p>
    </section>
  );
}
