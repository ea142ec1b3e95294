"use client";

import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";

/** "Forgot password": one address in, the same answer whether it has an account or not. */
export function ForgotPasswordForm() {
  const { m } = useI18n();
  const trpc = useTRPC();
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    setError(null);
    try {
      await request.mutateAsync({ email });
      setSentTo(email);
    } catch (failure) {
      const { code, details } = appErrorOf(failure);
      if (code === "RATE_LIMITED") setError(m.security.errorRateLimited(Number(details?.retryAfterSeconds ?? 60)));
      else if (code === "VALIDATION_ERROR") setError(m.security.errorEmailInvalid);
      else setError(m.security.errorGeneric);
    }
  }

  return (
    <>
      <div role="status" aria-live="polite">
        {sentTo ? <p className="account-success">{m.security.linkSent(sentTo)}</p> : null}
      </div>
      {sentTo ? null : (
        <form className="stack" onSubmit={(event) => void onSubmit(event)}>
          <div className="field">
            <label htmlFor="forgot-email">{m.security.emailLabel}</label>
            <input id="forgot-email" name="email" type="email" autoComplete="email" required maxLength={320} aria-describedby="forgot-error" />
          </div>
          <div id="forgot-error" role="alert" aria-live="assertive">
            {error ? <p className="alert">{error}</p> : null}
          </div>
          <button type="submit" className="button button-primary" disabled={request.isPending}>
            {request.isPending ? m.security.sendingLink : m.security.sendLink}
          </button>
        </form>
      )}
      <p className="account-switch">
        <Link href="/signin">{m.security.backToSignIn}</Link>
      </p>
    </>
  );
}
