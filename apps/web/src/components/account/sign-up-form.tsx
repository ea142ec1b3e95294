"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";

type TField = "name" | "email" | "password";

interface TSignUpError {
  message: string;
  field?: TField;
}

/** The buyer's words for account.signUp's errors (codes, then zod's field issues). */
function signUpError(error: unknown, m: ReturnType<typeof useI18n>["m"]): TSignUpError {
  const { code, issues } = appErrorOf(error);
  switch (code) {
    case "EMAIL_TAKEN":
      return { message: m.account.errorEmailTaken, field: "email" };
    case "RATE_LIMITED":
      return { message: m.account.errorSignUpRateLimited };
    case "VALIDATION_ERROR": {
      const field = issues[0]?.path as TField | undefined;
      return { message: field === "password" ? m.account.errorPasswordTooShort : m.account.errorSignUpInvalid, field };
    }
    default:
      return { message: error ? m.account.errorGeneric : m.account.errorNetwork };
  }
}

/**
 * Name, e-mail, password, marketing opt-in; then asks next-auth for the e-mailed link that proves
 * the address (password sign-in waits for it) and says to check the inbox.
 */
export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const { m, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [error, setError] = useState<TSignUpError | undefined>();
  const [signingIn, setSigningIn] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? "").trim(),
      password: String(form.get("password") ?? ""),
      locale,
      marketingOptIn: form.get("marketingOptIn") === "on",
    };
    if (input.password.length < 10) return setError({ message: m.account.errorPasswordTooShort, field: "password" });
    if (input.password.length > 200) return setError({ message: m.account.errorPasswordTooLong, field: "password" });
    setError(undefined);
    try {
      await signUp.mutateAsync(input);
    } catch (caught) {
      return setError(signUpError(caught, m));
    }
    setSigningIn(true);
    try {
      const result = await signIn("email", { email: input.email, callbackUrl, redirect: false });
      if (!result?.ok || result.error) {
        router.push(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
        return setError({ message: m.account.errorSignedUpNotSignedIn });
      }
      router.push("/signin/check-email?confirm=1");
    } catch {
      setError({ message: m.account.errorSignedUpNotSignedIn });
    } finally {
      setSigningIn(false);
    }
  }

  const pending = signUp.isPending || signingIn;
  const invalid = (field: TField) => (error?.field === field ? { "aria-invalid": true, "aria-describedby": "signup-error" } : {});

  return (
    <>
      <form className="stack" onSubmit={(event) => void onSubmit(event)}>
        <div className="field">
          <label htmlFor="signup-name">{m.account.nameLabel}</label>
          <input id="signup-name" name="name" type="text" autoComplete="name" required maxLength={120} autoFocus {...invalid("name")} />
        </div>
        <div className="field">
          <label htmlFor="signup-email">{m.account.emailLabel}</label>
          <input id="signup-email" name="email" type="email" autoComplete="email" required maxLength={320} {...invalid("email")} />
        </div>
        <div className="field">
          <label htmlFor="signup-password">{m.account.passwordLabel}</label>
          <input
            id="signup-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            maxLength={200}
            aria-describedby={error?.field === "password" ? "signup-password-hint signup-error" : "signup-password-hint"}
            aria-invalid={error?.field === "password" || undefined}
          />
          <p id="signup-password-hint" className="muted small account-hint">
            {m.account.passwordHint}
          </p>
        </div>
        <div className="account-checkbox">
          <input id="signup-marketing" name="marketingOptIn" type="checkbox" />
          <label htmlFor="signup-marketing">{m.account.marketingLabel}</label>
        </div>
        <div role="alert" aria-live="assertive" id="signup-error">
          {error ? <p className="alert">{error.message}</p> : null}
        </div>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? m.account.signingUp : m.account.signUpButton}
        </button>
      </form>
      <p className="account-switch">
        {m.account.haveAccount}{" "}
        <Link href={callbackUrl === "/account" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{m.account.signInLink}</Link>
      </p>
    </>
  );
}
