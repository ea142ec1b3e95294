import type { Metadata } from "next";
import { ForgotPasswordForm } from "~/components/account/forgot-password-form.tsx";
import { getI18n } from "~/i18n/server.ts";
import "~/styles/account.css";

// Per request: it reads the visitor's language.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.security.forgotTitle };
}

/** "Forgot your password?": asks for the address and e-mails a reset link (if it has an account). */
export default async function ForgotPasswordPage() {
  const { m } = await getI18n();
  return (
    <section className="card narrow account-auth" aria-labelledby="forgot-heading">
      <h1 id="forgot-heading">{m.security.forgotTitle}</h1>
      <p className="muted">{m.security.forgotIntro}</p>
      <ForgotPasswordForm />
    </section>
  );
}
