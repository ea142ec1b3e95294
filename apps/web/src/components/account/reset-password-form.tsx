"use client";

import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";

type TResult = "short" | "long" | "expired" | "error" | "done" | null;

// The token rides in the link's fragment (#token=...): browsers never send it to a server, in a
// request or in a Referer, so it stays out of logs.
const tokenFromHash = (hash: string) => new URLSearchParams(hash.replace(/^#/, "")).get("token");

/** Chooses a new password from an e-mailed reset link, then signs straight in with it. */
export function ResetPasswordForm() {
  const { m } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const reset = useMutation(trpc.account.resetPassword.mutationOptions());
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [result, setResult] = useState<TResult>(null);

  useEffect(() => {
    setToken(tokenFromHash(window.location.hash));
    // Out of the address bar and the history once read.
    window.history.replaceState(null, "", window.location.pathname);
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    if (password.length < 10) return setResult("short");
    if (password.length > 200) return setResult("long");
    setResult(null);
    try {
      const { email } = await reset.mutateAsync({ token: token ?? "", password });
      setResult("done");
      const signedIn = await signIn("credentials", { email, password, redirect: false });
      router.replace(signedIn?.ok && !signedIn.error ? "/account" : "/signin");
      router.refresh();
    } catch (failure) {
      const { code } = appErrorOf(failure);
      setResult(code === "LINK_EXPIRED" || code === "VALIDATION_ERROR" ? "expired" : "error");
    }
  }

  if (token === undefined) return null;
  if (!token || result === "expired") {
    return (
      <div className="stack">
        <p className="alert" role="alert">
          {token ? m.security.linkExpired : m.security.linkMissing}
        </p>
        <p>
          <Link href="/signin/forgot">{m.security.askAgain}</Link>
        </p>
      </div>
    );
  }
  const message = {
    short: m.security.errorPasswordTooShort,
    long: m.security.errorPasswordTooLong,
    error: m.security.errorGeneric,
    done: m.security.resetDone,
  };
  return (
    <form className="stack" onSubmit={(event) => void onSubmit(event)}>
      <div className="field">
        <label htmlFor="reset-password">{m.security.newPasswordLabel}</label>
        <input
          id="reset-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          aria-describedby="reset-password-hint reset-password-result"
          aria-invalid={result === "short" || result === "long" || undefined}
        />
        <p id="reset-password-hint" className="muted small account-hint">
          {m.security.passwordHint}
        </p>
      </div>
      <div id="reset-password-result" role="status" aria-live="polite">
        {result ? <p className={result === "done" ? "account-success" : "alert"}>{message[result]}</p> : null}
      </div>
      <button type="submit" className="button button-primary" disabled={reset.isPending || result === "done"}>
        {reset.isPending ? m.security.resetting : m.security.resetButton}
      </button>
    </form>
  );
}
