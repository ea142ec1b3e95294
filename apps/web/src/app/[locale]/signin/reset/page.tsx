import type { Metadata } from "next";
import { ResetPasswordForm } from "~/components/account/reset-password-form.tsx";
import { getI18n } from "~/i18n/server.ts";
import "~/styles/account.css";

// Per request: it reads the visitor's language.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.security.resetTitle };
}

/** Where the reset e-mail's link lands (`/signin/reset#token=...`): choose a new password. */
export default async function ResetPasswordPage() {
  const { m } = await getI18n();
  return (
    <section className="card narrow account-auth" aria-labelledby="reset-heading">
      <h1 id="reset-heading">{m.security.resetTitle}</h1>
      <p className="muted">{m.security.resetIntro}</p>
      <ResetPasswordForm />
    </section>
  );
}
