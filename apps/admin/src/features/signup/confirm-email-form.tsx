"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { mutationErrorMessage } from "./mutation-error.ts";

/** The token from the page's fragment (never sent to a server in a URL), read once on the client. */
export function useFragmentToken(): string | null | undefined {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    setToken(new URLSearchParams(window.location.hash.slice(1)).get("token"));
  }, []);
  return token;
}

/** The sign-up's e-mailed link: the password chosen at sign-up confirms the address, then signs in. */
export function ConfirmEmailForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const token = useFragmentToken();
  const confirm = useMutation(trpc.organizerSignUp.confirmEmail.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token) return;
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    confirm.mutate(
      { token, password },
      {
        onSuccess: async ({ email }) => {
          const result = await signIn("credentials", { email, password, redirect: false });
          if (!result?.ok || result.error) {
            setSignInError("Your address is confirmed. Please sign in.");
            router.replace("/signin");
            return;
          }
          router.replace("/");
          router.refresh();
        },
      },
    );
  }

  if (token === undefined) return <p className="muted">Reading the link…</p>;
  if (!token) return <p className="alert">This link is incomplete. Open it again from the e-mail.</p>;
  return (
    <form className="stack" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="password">The password you chose</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={200} />
      </div>
      <div role="alert" aria-live="assertive">
        {confirm.isError ? <p className="alert">{mutationErrorMessage(confirm.error)}</p> : null}
        {signInError ? <p className="alert">{signInError}</p> : null}
      </div>
      <button type="submit" className="button button-primary" disabled={confirm.isPending || confirm.isSuccess}>
        {confirm.isPending || confirm.isSuccess ? "Confirming…" : "Confirm and open the console"}
      </button>
    </form>
  );
}
