"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { signInErrorMessage } from "./sign-in-errors.ts";

export interface SignInFormProps {
  /** Where to go once signed in: a same-site path (see safeCallbackUrl). */
  callbackUrl: string;
  /** An error code from the URL (`?error=`), shown when the page opens. */
  initialError?: string;
  /** What this app says to accounts it does not admit (authorize() threw NO_ACCESS). */
  noAccessMessage?: string;
}

/**
 * E-mail and password through next-auth's credentials provider, without leaving the page on
 * failure. An account with two-factor on (the console) answers TWO_FACTOR_REQUIRED to the right
 * password: the form then asks for the code and sends all three again.
 */
export function SignInForm({ callbackUrl, initialError, noAccessMessage }: SignInFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError ? signInErrorMessage(initialError, noAccessMessage) : undefined);
  const [pending, setPending] = useState(false);
  const [needsCode, setNeedsCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        code: String(form.get("code") ?? ""),
        redirect: false,
      });
      if (!result?.ok || result.error) {
        if (result?.error === "TWO_FACTOR_REQUIRED" || result?.error === "TWO_FACTOR_INVALID") setNeedsCode(true);
        setError(signInErrorMessage(result?.error ?? "unknown", noAccessMessage));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="email">E-mail</label>
        <input id="email" name="email" type="email" autoComplete="email" required autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {needsCode ? (
        <div className="field">
          <label htmlFor="code">Two-factor code</label>
          <input id="code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={20} required autoFocus />
        </div>
      ) : null}
      {/* The live region stays mounted so that screen readers announce each new message. */}
      <div role="alert" aria-live="assertive">
        {error ? <p className="alert">{error}</p> : null}
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
