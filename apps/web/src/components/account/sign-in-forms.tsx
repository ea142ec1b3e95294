"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { authErrorMessage } from "~/components/account/auth-errors.ts";
import { useI18n } from "~/i18n/provider.tsx";
import { ForgotPasswordLink } from "~/components/account/forgot-password-link.tsx";

/**
 * One e-mail field, two ways in: with the password, or "E-mail me a sign-in link" (next-auth's
 * e-mail provider). Failures stay on the page with a message.
 */
export function SignInForms({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const { m } = useI18n();
  const router = useRouter();
  const emailInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>(initialError ? authErrorMessage(initialError, m.account) : undefined);
  const [pending, setPending] = useState<"password" | "link" | null>(null);

  async function run(kind: "password" | "link", attempt: () => Promise<void>) {
    setPending(kind);
    setError(undefined);
    try {
      await attempt();
    } catch {
      setError(m.account.errorNetwork);
    } finally {
      setPending(null);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const wantsLink = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "link";
    if (wantsLink) {
      // The link button skips the browser's check of the password field; the e-mail still counts.
      if (!emailInput.current?.checkValidity()) {
        setError(m.account.errorEmailInvalid);
        emailInput.current?.focus();
        return;
      }
      void run("link", async () => {
        const result = await signIn("email", { email, callbackUrl, redirect: false });
        if (!result?.ok || result.error) {
          setError(authErrorMessage(result?.error ?? "unknown", m.account));
          return;
        }
        router.push("/signin/check-email");
      });
      return;
    }
    void run("password", async () => {
      const result = await signIn("credentials", { email, password: String(form.get("password") ?? ""), redirect: false });
      if (!result?.ok || result.error) {
        setError(authErrorMessage(result?.error ?? "unknown", m.account));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    });
  }

  return (
    <>
      <form className="stack" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="signin-email">{m.account.emailLabel}</label>
          <input ref={emailInput} id="signin-email" name="email" type="email" autoComplete="email" required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="signin-password">{m.account.passwordLabel}</label>
          <input id="signin-password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <ForgotPasswordLink />
        {/* The live region stays mounted so that screen readers announce each new message. */}
        <div role="alert" aria-live="assertive">
          {error ? <p className="alert">{error}</p> : null}
        </div>
        <button type="submit" name="intent" value="password" className="button button-primary" disabled={pending !== null}>
          {pending === "password" ? m.account.signingIn : m.account.signInButton}
        </button>

        <p className="account-divider" aria-hidden="true">
          <span>{m.account.orDivider}</span>
        </p>
        <div className="account-link-option">
          <h2 id="signin-link-heading" className="account-subheading">
            {m.account.linkHeading}
          </h2>
          <p className="muted small" id="signin-link-intro">
            {m.account.linkIntro}
          </p>
          <button type="submit" name="intent" value="link" formNoValidate className="button" disabled={pending !== null} aria-describedby="signin-link-intro">
            {pending === "link" ? m.account.linkSending : m.account.linkButton}
          </button>
        </div>
      </form>

      <p className="account-switch">
        {m.account.newHere}{" "}
        <Link href={callbackUrl === "/" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{m.account.createAccountLink}</Link>
      </p>
    </>
  );
}
