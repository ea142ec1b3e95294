"use client";

import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";

type TResult = "changed" | "short" | "long" | "current" | "limited" | "error" | null;

/** Change password (account.changePassword): the current one is required; other devices are signed out. */
export function ChangePasswordForm({ email }: { email: string }) {
  const { m } = useI18n();
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [result, setResult] = useState<TResult>(null);
  const [retryAfter, setRetryAfter] = useState(60);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const currentPassword = String(data.get("currentPassword") ?? "");
    const newPassword = String(data.get("newPassword") ?? "");
    if (newPassword.length < 10) return setResult("short");
    if (newPassword.length > 200) return setResult("long");
    setResult(null);
    try {
      await change.mutateAsync({ currentPassword, newPassword });
    } catch (failure) {
      const { code, details } = appErrorOf(failure);
      if (code === "RATE_LIMITED") setRetryAfter(Number(details?.retryAfterSeconds ?? 60));
      return setResult(code === "PASSWORD_INCORRECT" ? "current" : code === "RATE_LIMITED" ? "limited" : "error");
    }
    // The change ended every session, this browser's too: sign it straight back in with the new password.
    const signedIn = await signIn("credentials", { email, password: newPassword, redirect: false }).catch(() => null);
    form.reset();
    setResult(signedIn?.ok && !signedIn.error ? "changed" : "error");
  }

  const message = {
    changed: m.security.changed,
    short: m.security.errorPasswordTooShort,
    long: m.security.errorPasswordTooLong,
    current: m.security.errorCurrentPassword,
    limited: m.security.errorRateLimited(retryAfter),
    error: m.security.errorGeneric,
  };
  return (
    <form className="stack" onSubmit={(event) => void onSubmit(event)} aria-labelledby="change-password-heading">
      <h3 id="change-password-heading" className="account-subheading">
        {m.security.changeHeading}
      </h3>
      <p className="muted">{m.security.changeIntro}</p>
      <div className="field">
        <label htmlFor="change-current-password">{m.security.currentPasswordLabel}</label>
        <input
          id="change-current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          aria-invalid={result === "current" || undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="change-new-password">{m.security.newPasswordLabel}</label>
        <input
          id="change-new-password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          aria-describedby="change-password-hint change-password-result"
          aria-invalid={result === "short" || result === "long" || undefined}
        />
        <p id="change-password-hint" className="muted small account-hint">
          {m.security.passwordHint}
        </p>
      </div>
      <div id="change-password-result" role="status" aria-live="polite">
        {result ? <p className={result === "changed" ? "account-success" : "alert"}>{message[result]}</p> : null}
      </div>
      <button type="submit" className="button" disabled={change.isPending}>
        {change.isPending ? m.security.changing : m.security.changeButton}
      </button>
    </form>
  );
}
